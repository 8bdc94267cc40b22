using Jiyul.Hub.Conversations;

namespace Jiyul.Hub.Tests.Conversations;

public sealed class ConversationTitleTests
{
    [Fact]
    public void FromMessage_ShortFirstLine_IsTheLineTrimmed()
    {
        Assert.Equal("부가가치세 신고 기한", ConversationTitle.FromMessage("\n   부가가치세   신고 기한  \n둘째 줄"));
    }

    [Fact]
    public void FromMessage_LongLine_IsCutAtAWordBoundaryWithAnEllipsis()
    {
        var words = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"word{i}"));

        var title = ConversationTitle.FromMessage(words);

        Assert.True(title.Length <= ConversationTitle.DerivedLength + 1, title);
        Assert.EndsWith("…", title);
        Assert.StartsWith(title[..^1], words);
        Assert.Equal(' ', words[title.Length - 1]);
    }

    [Fact]
    public void FromMessage_LongTextWithoutSpaces_IsCutAtTheLength()
    {
        var title = ConversationTitle.FromMessage(new string('가', 300));

        Assert.Equal(new string('가', ConversationTitle.DerivedLength) + "…", title);
    }
}
