namespace Jiyul.Hub.Telemetry;

/// <summary>Who may read <c>/metrics</c> (setting <c>Metrics:Access</c>).</summary>
public enum MetricsAccess
{
    /// <summary>Only a client on this machine, connected straight to the hub (not relayed by a proxy or tunnel).</summary>
    Local,

    /// <summary>Anyone who presents <c>Authorization: Bearer</c> with the token of <c>Metrics:Token</c>.</summary>
    Token,

    /// <summary>Anyone who can reach the hub.</summary>
    Open,

    /// <summary>Nobody: <c>/metrics</c> answers 404.</summary>
    Off,
}
