using System.Text;
using Jiyul.Hub.Files;

namespace Jiyul.Hub.Tests.Files;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData(null, "file")]
    [InlineData("", "file")]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("C:\\Users\\me\\report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a\u0000b\u0007c\u007f.txt", "abc.txt")]
    [InlineData("line\nbreak\u2028.txt", "linebreak.txt")]
    [InlineData("evil\u202Egpj.exe", "evilgpj.exe")]
    [InlineData("no\u00A0break\u3000space.txt", "no break space.txt")]
    [InlineData("...", "file")]
    [InlineData("nul", "_nul")]
    [InlineData("lpt1.txt", "_lpt1.txt")]
    [InlineData("\uD800broken.txt", "broken.txt")]
    public void Sanitize_HostileInput_GivesASafeName(string? raw, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(raw));

    [Fact]
    public void Sanitize_LongKoreanName_StaysWithinTheByteCapWithoutSplittingACharacter()
    {
        var name = FileNames.Sanitize(new string('한', 500) + ".docx");
        Assert.True(Encoding.UTF8.GetByteCount(name) <= FileNames.MaxBytes);
        Assert.EndsWith("한.docx", name, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', name);
    }

    [Fact]
    public void Sanitize_LongEmojiName_KeepsSurrogatePairsWhole()
    {
        var name = FileNames.Sanitize(string.Concat(Enumerable.Repeat("😀", 200)));
        Assert.True(Encoding.UTF8.GetByteCount(name) <= FileNames.MaxBytes);
        Assert.Equal(name, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public void WithExtensionOf_AddsTheSniffedTypesExtensionOnlyWhenMissing()
    {
        Assert.Equal("scan.pdf.png", FileNames.WithExtensionOf("scan.pdf", FileType.Png));
        Assert.Equal("photo.jpeg", FileNames.WithExtensionOf("photo.jpeg", FileType.Jpeg));
        Assert.Equal("notes", FileNames.WithExtensionOf("notes", FileType.Text));
    }
}
