using Jiyul.Hub.Knowledge;

namespace Jiyul.Hub.Tests.Knowledge;

public sealed class KnowledgeOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new KnowledgeOptionsValidator().Validate(null, new KnowledgeOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEveryFailureWithItsValue()
    {
        var options = new KnowledgeOptions
        {
            DebounceDelay = TimeSpan.FromSeconds(-1),
            RescanInterval = TimeSpan.Zero,
            MaxResults = 0,
            DefaultResults = 5,
        };

        var failures = new KnowledgeOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Knowledge:DebounceDelay is -00:00:01;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Knowledge:RescanInterval is 00:00:00;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Knowledge:MaxResults is 0;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Knowledge:DefaultResults is 5;", StringComparison.Ordinal));
    }
}
