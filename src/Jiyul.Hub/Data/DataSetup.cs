using Jiyul.Hub.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Data;

internal static class DataSetup
{
    /// <summary>Registers <see cref="HubDbContext"/> on the configured provider, and the migrator that runs first.</summary>
    public static void AddJiyulData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // The provider decides which context type is registered, so it is read now; HubOptionsValidator checks the rest.
        var provider = builder.Configuration.GetValue($"{HubOptions.SectionName}:{nameof(HubOptions.Database)}", DatabaseProvider.Sqlite);
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<HubDbContext, PostgresHubDbContext>((services, options) =>
                options.UseNpgsql(services.GetRequiredService<IOptions<HubOptions>>().Value.ConnectionString));
        }
        else
        {
            services.AddDbContext<HubDbContext, SqliteHubDbContext>((services, options) =>
            {
                var connectionString = services.GetRequiredService<IOptions<HubOptions>>().Value.ConnectionString;
                options.UseSqlite(string.IsNullOrEmpty(connectionString)
                    ? $"Data Source={services.GetRequiredService<HubPaths>().DatabaseFile}"
                    : connectionString);
            });
        }

        // Migrations run before anything else starts: hosted services start in the order they are added.
        services.AddHostedService<DatabaseMigrator>();
    }
}
