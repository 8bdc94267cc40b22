using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Jiyul.Knowledge.Search;

/// <summary>
/// Text analysis for a pack written in Korean with English beside it. Korean joins particles to nouns
/// ("기한이", "신고는"), so whole words rarely match between a question and a passage; overlapping syllable pairs
/// do, which is what the CJK bigram filter makes of every Hangul run. English words are lowercased, common function
/// words dropped and suffixes stemmed ("penalties" finds "penalty"). Digits are cut from the Hangul they are
/// written against, so that "제70조" and "2026년" share "70" and "2026" with a question that spaces them.
/// </summary>
internal sealed partial class PackAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new PatternReplaceCharFilter(DigitsAgainstHangul(), " ", reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(Version, stream);
        stream = new CJKBigramFilter(stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    [GeneratedRegex(@"(?<=\d)(?=[\uAC00-\uD7A3])|(?<=[\uAC00-\uD7A3])(?=\d)")]
    private static partial Regex DigitsAgainstHangul();
}
