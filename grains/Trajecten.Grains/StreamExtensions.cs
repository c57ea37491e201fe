using Orleans.Streams;
using Trajecten.Abstractions;

namespace Trajecten.Grains;

internal static class StreamExtensions
{
    public static IAsyncStream<T> ClientStream<T>(this Grain grain, string streamNamespace, string clientId) =>
        grain.GetStreamProvider(StreamNames.Provider).GetStream<T>(StreamId.Create(streamNamespace, clientId));
}
