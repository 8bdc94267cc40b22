using System.Runtime.InteropServices;

namespace Jiyul.Hub.Cells;

/// <summary>The one libc call .NET has no managed API for: changing a file's owner.</summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Chown(string path, int owner, int group);
}
