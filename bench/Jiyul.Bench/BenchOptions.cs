using System.Globalization;

namespace Jiyul.Bench;

/// <summary>
/// What one run measures and how much of it. A full run is sized to finish in a few minutes on two cores;
/// <c>--quick</c> shrinks every count so that a run takes well under a minute, for checking the harness itself.
/// </summary>
internal sealed record BenchOptions
{
    public const int MaxUsers = 40;

    public const string Usage = """
        Jiyul.Bench: measures the hub with the agent runtime and writes the figures to markdown.
          --users N       fresh users for the cold and stopped-start runs (1-40; default 10, quick 3)
          --quick         a short run with small counts (default output bench/RESULTS.quick.md)
          --only PHASE    run one phase alone: conversations, files or web (default output bench/RESULTS.only.md)
          --output PATH   where to write the markdown (default bench/RESULTS.md)
          --help          this text
        """;

    public bool ShowHelp { get; init; }

    public bool Quick { get; init; }

    public int Users { get; init; } = 10;

    /// <summary>
    /// The one phase to run alone (<see cref="OnlyConversations"/>, <see cref="OnlyFiles"/> or <see cref="OnlyWeb"/>); null runs
    /// them all.
    /// </summary>
    public string? Only { get; init; }

    public const string OnlyConversations = "conversations";

    public const string OnlyFiles = "files";

    public const string OnlyWeb = "web";

    /// <summary>Null: bench/RESULTS.md (or RESULTS.quick.md for a quick run) under the repository.</summary>
    public string? OutputPath { get; init; }

    public int WarmClients { get; init; } = 50;

    public int WarmRequestsPerClient => Quick ? 40 : 200;

    public int WarmSequentialRequests => Quick ? 300 : 2000;

    /// <summary>In the paced run each warm client sends one request per interval (50 ms: 1,000 req/s from 50).</summary>
    public TimeSpan WarmPace { get; init; } = TimeSpan.FromMilliseconds(50);

    public int WarmPacedRequestsPerClient => Quick ? 40 : 120;

    public int ProxyConcurrentClients { get; init; } = 16;

    /// <summary>The two paths of the overhead run take turns this many times, so that drift hits both alike.</summary>
    public int ProxyRounds => Quick ? 2 : 6;

    public int ProxySequentialPerRound => Quick ? 150 : 500;

    public int ProxyConcurrentPerClientPerRound => Quick ? 30 : 100;

    public int MemoryCells => Math.Min(Users, 5);

    public TimeSpan IdleWait => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);

    /// <summary>No load run takes longer than this; what finished by then is what is reported.</summary>
    public TimeSpan LoadBudget => Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(45);

    /// <summary>The whole run, set-up and clean-up aside, is cancelled past this.</summary>
    public TimeSpan RunBudget { get; init; } = TimeSpan.FromMinutes(8);

    public static bool TryParse(IReadOnlyList<string> args, out BenchOptions options, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        errors = [];
        var quick = false;
        var help = false;
        int? users = null;
        string? output = null;
        string? only = null;

        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                case "--users" when i + 1 < args.Count:
                    var text = args[++i];
                    if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                        && n is >= 1 and <= MaxUsers)
                    {
                        users = n;
                    }
                    else
                    {
                        errors.Add($"--users is '{text}'; it must be a whole number from 1 to {MaxUsers}.");
                    }

                    break;
                case "--only" when i + 1 < args.Count:
                    only = args[++i];
                    if (only is not (OnlyConversations or OnlyFiles or OnlyWeb))
                    {
                        errors.Add(
                            $"--only is '{only}'; the phases that run alone are '{OnlyConversations}', '{OnlyFiles}' and '{OnlyWeb}'.");
                    }

                    break;
                case "--output" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                default:
                    errors.Add($"Unknown or incomplete option '{args[i]}'.");
                    break;
            }
        }

        options = new BenchOptions
        {
            ShowHelp = help,
            Quick = quick,
            Users = users ?? (quick ? 3 : 10),
            OutputPath = output,
            Only = only,
        };
        return errors.Count == 0;
    }
}
