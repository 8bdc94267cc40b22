using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jiyul.Hub.Data;

/// <summary>The store for a deployment that runs PostgreSQL. Migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without starting the hub or a server.</summary>
internal sealed class PostgresHubDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresHubDbContext>
{
    public PostgresHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql("Host=localhost;Database=jiyul_design").Options);
}
