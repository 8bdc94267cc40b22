using Jiyul.Hub.Files;

namespace Jiyul.Hub.Tests.Files;

/// <summary>The blob stores' own contract, on both backends: a put is all or nothing, a missing key is no error.</summary>
public sealed class BlobStoreTests
{
    private static readonly TimeSpan s_timeout = Uploads.Timeout;

    [Theory]
    [MemberData(nameof(FilesHub.Backends), MemberType = typeof(FilesHub))]
    public async Task Put_StreamFailingMidway_LeavesNoBlob(string backend)
    {
        await using var files = await FilesHub.StartAsync(backend);
        var key = BlobKeys.For("someone", Guid.NewGuid());

        await Assert.ThrowsAsync<IOException>(() =>
            files.Blobs.PutAsync(key, new FailingStream(200 * 1024), CancellationToken.None).WaitAsync(s_timeout));

        Assert.False(await files.Blobs.ExistsAsync(key, CancellationToken.None).WaitAsync(s_timeout));
        Assert.Empty(await files.BlobsLeftAsync());
    }

    [Theory]
    [MemberData(nameof(FilesHub.Backends), MemberType = typeof(FilesHub))]
    public async Task Put_Open_Delete_RoundTrip_AndMissingKeysAreQuiet(string backend)
    {
        await using var files = await FilesHub.StartAsync(backend);
        var key = BlobKeys.For("someone", Guid.NewGuid());
        var bytes = new byte[300 * 1024];
        new Random(3).NextBytes(bytes);

        Assert.Null(await files.Blobs.OpenReadAsync(key, CancellationToken.None).WaitAsync(s_timeout));
        await files.Blobs.DeleteAsync(key, CancellationToken.None).WaitAsync(s_timeout);

        await files.Blobs.PutAsync(key, new MemoryStream(bytes), CancellationToken.None).WaitAsync(s_timeout);
        await using (var read = await files.Blobs.OpenReadAsync(key, CancellationToken.None).WaitAsync(s_timeout))
        {
            var copy = new MemoryStream();
            await read!.CopyToAsync(copy).WaitAsync(s_timeout);
            Assert.Equal(bytes, copy.ToArray());
        }

        await files.Blobs.DeleteAsync(key, CancellationToken.None).WaitAsync(s_timeout);
        Assert.False(await files.Blobs.ExistsAsync(key, CancellationToken.None).WaitAsync(s_timeout));
    }

    [Fact]
    public async Task Keys_NotMadeByTheHub_AreRefusedBeforeAnyIo()
    {
        await using var files = await FilesHub.StartAsync(FilesHub.Local);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            files.Blobs.OpenReadAsync("../../etc/passwd", CancellationToken.None).WaitAsync(s_timeout));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            files.Blobs.DeleteAsync($"{new string('a', 32)}/../x", CancellationToken.None).WaitAsync(s_timeout));
    }

    /// <summary>Gives zeros up to a point, then fails as a dropped connection would.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("The connection was reset (test).");
            }

            var n = Math.Min(count, failAfter - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
