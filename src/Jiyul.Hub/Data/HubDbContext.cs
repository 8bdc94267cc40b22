using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jiyul.Hub.Data;

/// <summary>
/// The hub's store. One model for every provider: no SQL, column types or functions of one provider. Each provider
/// has its own subclass (<see cref="SqliteHubDbContext"/>, <see cref="PostgresHubDbContext"/>) only so that each
/// keeps its own migrations; services ask for <see cref="HubDbContext"/>.
/// </summary>
public abstract class HubDbContext(DbContextOptions options) : IdentityDbContext<JiyulUser>(options)
{
    public DbSet<CellRecord> Cells => Set<CellRecord>();

    public DbSet<UserProfile> Profiles => Set<UserProfile>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<UsageDay> Usage => Set<UsageDay>();

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

        builder.Entity<Conversation>(conversation =>
        {
            conversation.HasKey(c => c.Id);
            conversation.Property(c => c.OwnerUid).HasMaxLength(256);
            conversation.Property(c => c.Title).HasMaxLength(200);
            conversation.HasIndex(c => new { c.OwnerUid, c.UpdatedAt });
            conversation.Property(c => c.LastSequence).IsConcurrencyToken();
            conversation.HasMany(c => c.Messages).WithOne(m => m.Conversation).HasForeignKey(m => m.ConversationId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Message>(message =>
        {
            message.HasKey(m => m.Id);
            message.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
            message.Property(m => m.Role).HasMaxLength(16);
            message.Property(m => m.Status).HasMaxLength(16);
            message.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MessageAttachment>(attachment =>
        {
            attachment.HasKey(a => new { a.MessageId, a.FileId });
            attachment.Property(a => a.Name).HasMaxLength(255);
        });

        builder.Entity<StoredFile>(file =>
        {
            file.HasKey(f => f.Id);
            file.Property(f => f.OwnerUid).HasMaxLength(256);
            file.Property(f => f.Name).HasMaxLength(255);
            file.Property(f => f.ContentType).HasMaxLength(100);
            file.Property(f => f.StorageKey).HasMaxLength(200);
            file.Property(f => f.Sha256).HasMaxLength(64);
            file.HasIndex(f => new { f.OwnerUid, f.CreatedAt });
            file.HasIndex(f => f.ExpiresAt);
        });

        builder.Entity<UsageDay>(usage =>
        {
            usage.HasKey(u => new { u.OwnerUid, u.Day });
            usage.Property(u => u.OwnerUid).HasMaxLength(256);
            usage.HasIndex(u => u.Day);
        });
    }
}
