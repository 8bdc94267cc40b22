using Jiyul.Hub.Data;

namespace Jiyul.Hub.Files;

/// <summary>A file as the API shows it.</summary>
internal sealed record FileAnswer(Guid Id, string Name, long Size, string ContentType, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public static FileAnswer Of(StoredFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Id, file.Name, file.Size, file.ContentType, file.CreatedAt, file.ExpiresAt);
    }
}
