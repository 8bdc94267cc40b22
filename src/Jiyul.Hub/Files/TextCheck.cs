using System.Buffers;
using System.Text.Unicode;

namespace Jiyul.Hub.Files;

/// <summary>
/// Checks, chunk by chunk as an upload streams in, that the bytes are UTF-8 text a person wrote: well-formed, and
/// free of NULs and control characters other than tab, line feed, form feed and carriage return. A sequence split
/// between two chunks is carried over, so the verdict does not depend on where the chunks break.
/// </summary>
internal sealed class TextCheck
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;

    /// <summary>False from the first byte that is not text on.</summary>
    public bool IsText { get; private set; } = true;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (!IsText)
        {
            return;
        }

        if (_carried > 0)
        {
            // Complete the split sequence with at most three more bytes, then go on with the rest.
            var take = Math.Min(bytes.Length, _carry.Length - _carried);
            bytes[..take].CopyTo(_carry.AsSpan(_carried));
            var joined = _carry.AsSpan(0, _carried + take);
            var consumed = Check(joined, isFinal: false);
            if (!IsText)
            {
                return;
            }

            var fromNew = consumed - _carried;
            if (fromNew <= 0)
            {
                // Still incomplete: only possible when the new chunk was shorter than the sequence needs.
                _carried = joined.Length;
                return;
            }

            _carried = 0;
            bytes = bytes[fromNew..];
        }

        var done = Check(bytes, isFinal: false);
        if (IsText && done < bytes.Length)
        {
            bytes[done..].CopyTo(_carry);
            _carried = bytes.Length - done;
        }
    }

    /// <summary>The verdict once every byte is in: a sequence left unfinished at the end is not text.</summary>
    public bool Complete()
    {
        if (IsText && _carried > 0)
        {
            Check(_carry.AsSpan(0, _carried), isFinal: true);
        }

        return IsText;
    }

    private int Check(ReadOnlySpan<byte> bytes, bool isFinal)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(16, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false, isFinal);
            if (status is OperationStatus.InvalidData || (status is OperationStatus.NeedMoreData && isFinal))
            {
                IsText = false;
                return read;
            }

            foreach (var c in chars.AsSpan(0, written))
            {
                if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
                {
                    IsText = false;
                    break;
                }
            }

            return read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
