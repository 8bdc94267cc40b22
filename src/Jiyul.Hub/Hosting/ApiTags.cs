namespace Jiyul.Hub.Hosting;

/// <summary>The groups the OpenAPI document sorts operations into, with what each is for.</summary>
internal static class ApiTags
{
    public const string Auth = "Auth";
    public const string Cells = "Cells";
    public const string Conversations = "Conversations";
    public const string Files = "Files";
    public const string Knowledge = "Knowledge";
    public const string Proxy = "Proxy";
    public const string Health = "Health";
    public const string Operations = "Operations";

    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Auth] = "Local accounts (register, sign in, refresh) and who the caller is, whichever provider signed them in.",
        [Cells] = "The caller's own assistant container: start it and wait until it is ready.",
        [Conversations] = "Conversations kept by the hub, and messages whose replies stream as server-sent events.",
        [Files] = "Attachments: upload, list, download and delete; only the owner ever sees a file.",
        [Knowledge] = "Search the knowledge pack; passages with the file they come from.",
        [Proxy] = "OpenAI-compatible requests passed through to the caller's own cell as they are.",
        [Health] = "Whether the hub is alive and ready; no sign-in.",
        [Operations] = "For operators: metrics in Prometheus text.",
    };
}
