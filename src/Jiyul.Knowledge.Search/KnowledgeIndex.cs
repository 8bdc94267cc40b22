using System.Diagnostics;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Jiyul.Knowledge.Search;

/// <summary>
/// A full-text index over the passages of one knowledge pack, built once and then only read: an edited pack gets
/// a new index, never an update in place, so a reader can never see one half built. Kept in memory: a pack is a few
/// hundred passages. Searching is thread-safe.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    /// <summary>The most passages one search answers.</summary>
    public const int MaxResults = 100;

    private const string SkillField = "skill";
    private const string FileField = "file";
    private const string HeadingField = "heading";
    private const string ContextField = "context";
    private const string TextField = "text";
    private const string AsOfField = "asOf";

    // A heading names what its section is about, so a term found there says more than one found in the text.
    private const float HeadingBoost = 2.0f;
    private const float ContextBoost = 1.0f;

    // Keeps a pasted essay from growing a query past Lucene's limit of 1024 clauses (three per term).
    private const int MaxQueryTerms = 300;

    private readonly RAMDirectory _directory;
    private readonly PackAnalyzer _analyzer;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private KnowledgeIndex(
        RAMDirectory directory,
        PackAnalyzer analyzer,
        DirectoryReader reader,
        int fileCount,
        TimeSpan buildTime)
    {
        _directory = directory;
        _analyzer = analyzer;
        _reader = reader;
        _searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        FileCount = fileCount;
        BuildTime = buildTime;
    }

    /// <summary>How many passages the index holds.</summary>
    public int PassageCount => _reader.NumDocs;

    /// <summary>How many Markdown files of the pack's skills the passages came from.</summary>
    public int FileCount { get; }

    /// <summary>How long reading the pack and building the index took.</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>Reads the pack at <paramref name="packDirectory"/> and indexes every passage of its skills.</summary>
    public static KnowledgeIndex Build(string packDirectory)
    {
        var started = Stopwatch.GetTimestamp();
        var pack = KnowledgePack.Load(packDirectory);
        return Build(pack.Passages(), pack.Documents.Count, started);
    }

    /// <summary>Indexes the passages of a pack already read.</summary>
    public static KnowledgeIndex Build(KnowledgePack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Build(pack.Passages(), pack.Documents.Count, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// The <paramref name="k"/> passages that best match <paramref name="query"/>, best first (BM25, with terms in a
    /// heading counting double). None when the query has no searchable term.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(string query, int k)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var terms = TermsOf(query);
        if (terms.Count == 0)
        {
            return [];
        }

        var lucene = new BooleanQuery();
        foreach (var term in terms)
        {
            lucene.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
            lucene.Add(new TermQuery(new Term(HeadingField, term)) { Boost = HeadingBoost }, Occur.SHOULD);
            lucene.Add(new TermQuery(new Term(ContextField, term)) { Boost = ContextBoost }, Occur.SHOULD);
        }

        var top = _searcher.Search(lucene, Math.Min(k, MaxResults));
        var hits = new List<SearchHit>(top.ScoreDocs.Length);
        foreach (var scored in top.ScoreDocs)
        {
            var document = _searcher.Doc(scored.Doc);
            hits.Add(new SearchHit(
                document.Get(SkillField),
                document.Get(FileField),
                document.Get(HeadingField) ?? "",
                document.Get(AsOfField),
                scored.Score,
                document.Get(TextField)));
        }

        return hits;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private static KnowledgeIndex Build(IEnumerable<PackPassage> passages, int fileCount, long started)
    {
        var directory = new RAMDirectory();
        var analyzer = new PackAnalyzer();
        var built = false;
        try
        {
            var config = new IndexWriterConfig(PackAnalyzer.Version, analyzer)
            {
                OpenMode = OpenMode.CREATE,
                Similarity = new BM25Similarity(),
            };
            using (var writer = new IndexWriter(directory, config))
            {
                foreach (var passage in passages)
                {
                    writer.AddDocument(DocumentOf(passage));
                }

                writer.Commit();
            }

            var reader = DirectoryReader.Open(directory);
            built = true;
            return new KnowledgeIndex(directory, analyzer, reader, fileCount, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            // A pack that fails to read leaves nothing behind; the index that was built owns these from here on.
            if (!built)
            {
                analyzer.Dispose();
                directory.Dispose();
            }
        }
    }

    private static Document DocumentOf(PackPassage passage)
    {
        var document = new Document
        {
            new StringField(SkillField, passage.Skill, Field.Store.YES),
            new StringField(FileField, passage.File, Field.Store.YES),
            new TextField(HeadingField, passage.Heading, Field.Store.YES),
            new TextField(ContextField, passage.Context, Field.Store.NO),
            new TextField(TextField, passage.Text, Field.Store.YES),
        };
        if (!string.IsNullOrWhiteSpace(passage.AsOf))
        {
            document.Add(new StoredField(AsOfField, passage.AsOf));
        }

        return document;
    }

    private List<string> TermsOf(string query)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = _analyzer.GetTokenStream(TextField, new StringReader(query));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < MaxQueryTerms)
        {
            var text = term.ToString();
            if (seen.Add(text))
            {
                terms.Add(text);
            }
        }

        stream.End();
        return terms;
    }
}
