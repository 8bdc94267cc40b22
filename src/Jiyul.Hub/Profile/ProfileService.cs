using Jiyul.Hub.Cells;
using Jiyul.Hub.Data;
using Jiyul.Hub.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Jiyul.Hub.Profile;

/// <summary>
/// Reads and writes a user's profile, and keeps USER.md in their workspace in step with it: every write of the
/// profile rewrites the file (through <see cref="WorkspaceSeeder.WriteUserFileAsync"/>, the one writer of USER.md),
/// so the next turn of either runtime reads the new profile, whether the cell runs, is stopped or does not exist yet.
/// </summary>
internal sealed class ProfileService(
    IServiceScopeFactory scopes,
    WorkspaceSeeder seeder,
    HubPaths paths,
    TimeProvider time,
    ILogger<ProfileService> logger) : IDisposable
{
    // Writes of profiles are rare; one at a time keeps the stored profile and USER.md in the same order.
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>The profile a user has before they write one: what their sign-in says of them.</summary>
    public static UserProfile Default(CellOwner owner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new UserProfile
        {
            Uid = owner.Uid,
            Email = owner.Email,
            DisplayName = owner.DisplayName ?? owner.Email?.Split('@')[0],
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public async Task<UserProfile> GetAsync(CellOwner owner, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Uid == owner.Uid, cancellationToken)
            ?? Default(owner, time.GetUtcNow());
    }

    /// <summary>Stores the profile, then rewrites USER.md from it.</summary>
    public async Task<UserProfile> SaveAsync(
        CellOwner owner,
        string? displayName,
        string language,
        string? about,
        CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var profile = await StoreAsync(owner, displayName, language, about, cancellationToken);

            var uidHash = owner.UidHash;
            if (Directory.Exists(paths.WorkspaceDirectory(uidHash)))
            {
                await seeder.WriteUserFileAsync(uidHash, profile, cancellationToken);
            }
            else
            {
                // No cell yet: the workspace is made now, so that it holds the profile from the first turn on.
                await seeder.PrepareAsync(uidHash, profile, cancellationToken);
            }

            Log.ProfileSaved(logger, uidHash);
            return profile;
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose() => _writes.Dispose();

    private async Task<UserProfile> StoreAsync(
        CellOwner owner,
        string? displayName,
        string language,
        string? about,
        CancellationToken cancellationToken)
    {
        // Two tries: the cell manager may insert the default profile between our look and our insert.
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var now = time.GetUtcNow();
            var profile = await db.Profiles.FirstOrDefaultAsync(p => p.Uid == owner.Uid, cancellationToken);
            if (profile is null)
            {
                profile = Default(owner, now);
                db.Profiles.Add(profile);
            }

            profile.DisplayName = displayName;
            profile.Language = language;
            profile.About = about;
            profile.Email ??= owner.Email;
            profile.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return profile;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Look again: the row exists now.
            }
        }
    }
}
