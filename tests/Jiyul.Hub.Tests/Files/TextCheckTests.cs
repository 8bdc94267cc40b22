using System.Text;
using Jiyul.Hub.Files;

namespace Jiyul.Hub.Tests.Files;

public sealed class TextCheckTests
{
    [Theory]
    [InlineData("plain ascii\n", true)]
    [InlineData("한국어 계약서\r\n\t들여쓰기\f", true)]
    [InlineData("emoji 😀 and more", true)]
    [InlineData("nul\0inside", false)]
    [InlineData("bell\a", false)]
    [InlineData("c1 control \u0085", false)]
    public void Verdict_DoesNotDependOnWhereChunksBreak(string text, bool expected)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var chunk = 1; chunk <= bytes.Length; chunk++)
        {
            var check = new TextCheck();
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                check.Append(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
            }

            Assert.True(expected == check.Complete(), $"chunks of {chunk}");
        }
    }

    [Fact]
    public void Complete_SequenceCutAtTheEnd_IsNotText()
    {
        var check = new TextCheck();
        check.Append([0x41, 0xED, 0x95]);
        Assert.False(check.Complete());
    }

    [Fact]
    public void Append_InvalidByte_IsNotText()
    {
        var check = new TextCheck();
        check.Append([0x41, 0xFF, 0x41]);
        Assert.False(check.Complete());
    }
}
