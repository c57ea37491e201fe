using Microsoft.Extensions.Hosting;

namespace Trajecten.Grains;

/// <summary>
/// Whether a grain whose state is a snapshot of the log writes that snapshot when it deactivates. With durable storage
/// always: the next activation then has less to catch up. With in-memory storage not while the silo stops: that storage
/// ends with the process anyway, and its own storage grain is already gone, so every write would fail and log a stack
/// trace — thousands of them when a busy in-memory silo is stopped.
/// </summary>
public sealed class Momentopnamen(IHostApplicationLifetime levensloop, bool vluchtigeOpslag)
{
    public bool Schrijven(bool verouderd) => verouderd && !(vluchtigeOpslag && levensloop.ApplicationStopping.IsCancellationRequested);
}
