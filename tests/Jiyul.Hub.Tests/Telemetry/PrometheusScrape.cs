using System.Globalization;
using System.Text.RegularExpressions;

namespace Jiyul.Hub.Tests.Telemetry;

/// <summary>The samples of one scrape of Prometheus text, looked up by name and labels.</summary>
internal sealed partial class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            var match = SampleLine().Match(line.TrimEnd('\r'));
            if (!match.Success)
            {
                continue;
            }

            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static PrometheusScrape Parse(string text) => new(text);

    /// <summary>The sum of the samples named <paramref name="name"/> that carry every label given; null when there is none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var matching = _samples
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value))
            .ToList();
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
