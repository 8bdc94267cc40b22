import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Replies are Markdown from a model: rendered without raw HTML (no rehype-raw, so any HTML in a reply shows as
// text), with react-markdown's own URL filter (no javascript: links), and links opening outside the app. A single
// tilde is not strikethrough: Korean writes ranges with it (1월 1일~12월 31일).
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[[remarkGfm, { singleTilde: false }]]} skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
