namespace Jiyul.Bench.Reporting;

/// <summary>
/// An issue target and how the run did; <see cref="Met"/> is null when it could not be measured, and
/// <see cref="HasGoal"/> is false for a figure the issue asks for without setting a goal.
/// </summary>
internal sealed record TargetResult(string Target, string Goal, string Measured, bool? Met, bool HasGoal = true)
{
    public string Verdict => (HasGoal, Met) switch
    {
        (false, _) => "figure only",
        (_, true) => "met",
        (_, false) => "missed",
        (_, null) => "not measured",
    };
}
