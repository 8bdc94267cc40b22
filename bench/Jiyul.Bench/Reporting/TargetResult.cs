namespace Jiyul.Bench.Reporting;

/// <summary>An issue target and how the run did; <see cref="Met"/> is null when it could not be measured.</summary>
internal sealed record TargetResult(string Target, string Goal, string Measured, bool? Met)
{
    public string Verdict => Met switch
    {
        true => "met",
        false => "missed",
        null => "not measured",
    };
}
