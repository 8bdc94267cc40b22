using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jiyul.Hub.Data;

/// <summary>
/// The hub's store. Provider-neutral on purpose: no SQL, column types or functions of one provider,
/// so that the PostgreSQL provider can use the same model.
/// </summary>
public sealed class HubDbContext(DbContextOptions<HubDbContext> options) : IdentityDbContext<JiyulUser>(options)
{
    public DbSet<CellRecord> Cells => Set<CellRecord>();

    public DbSet<UserProfile> Profiles => Set<UserProfile>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<CellRecord>(cell =>
        {
            cell.HasKey(c => c.UidHash);
            cell.Property(c => c.UidHash).HasMaxLength(32);
            cell.Property(c => c.Uid).HasMaxLength(256);
            cell.HasIndex(c => c.Uid).IsUnique();
            cell.Property(c => c.Runtime).HasMaxLength(32);
            cell.Property(c => c.ImageId).HasMaxLength(128);
            cell.Property(c => c.SpecHash).HasMaxLength(64);
            cell.Property(c => c.ContainerId).HasMaxLength(64);
        });

        builder.Entity<UserProfile>(profile =>
        {
            profile.HasKey(p => p.Uid);
            profile.Property(p => p.Uid).HasMaxLength(256);
            profile.Property(p => p.DisplayName).HasMaxLength(200);
            profile.Property(p => p.Email).HasMaxLength(320);
            profile.Property(p => p.Language).HasMaxLength(35);
            profile.Property(p => p.About).HasMaxLength(4000);
        });
    }
}
