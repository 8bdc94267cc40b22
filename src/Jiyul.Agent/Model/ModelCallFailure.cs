namespace Jiyul.Agent.Model;

/// <summary>Why a call to the model socket has no response.</summary>
internal enum ModelCallFailure
{
    None,

    /// <summary>Nothing answered on the model socket: the hub is down, restarting, or the socket is missing.</summary>
    Unreachable,

    /// <summary>The hub took the request but closed the connection before its response headers.</summary>
    NoResponse,
}
