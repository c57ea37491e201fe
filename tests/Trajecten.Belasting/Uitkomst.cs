using System.Net;
using System.Net.Sockets;

namespace Trajecten.Belasting;

/// <summary>How one request ended, from the client's point of view.</summary>
public enum Uitkomst
{
    /// <summary>2xx: acknowledged; the fact must be there.</summary>
    Ok,
    /// <summary>A definite no: a 4xx, or the connection was refused (nothing was received). The fact must not be there.</summary>
    Fout,
    /// <summary>No answer or a 5xx: the fact may or may not be there, but if it is, exactly once.</summary>
    Onbekend,
}

public static class Classificatie
{
    public static Uitkomst Van(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => Uitkomst.Ok,
        >= 400 and < 500 => Uitkomst.Fout,
        _ => Uitkomst.Onbekend,
    };

    public static Uitkomst Van(Exception fout) =>
        fout is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } }
            ? Uitkomst.Fout
            : Uitkomst.Onbekend;
}
