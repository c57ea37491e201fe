using System.Diagnostics;
using OpenTelemetry;

namespace Trajecten.Silo.Telemetrie;

/// <summary>
/// Takes what could identify a person out of a span before it leaves the silo: Orleans names the grain a call goes to
/// and comes from (<c>client/cl-…</c>, <c>traject/tr-…</c>: pseudonymous, but a person's), and a query string can hold
/// a clientId. The route template (<c>url.path</c>, set by the ASP.NET Core instrumentation) and the span names, which
/// name an interface and a method, stay. A trace collector is not where the access log is, and is not kept like it.
/// </summary>
public sealed class SporenZonderPersonen : BaseProcessor<Activity>
{
    private static readonly string[] Weg = ["orleans.rpc.target_id", "orleans.rpc.source_id", "url.query", "url.full", "http.target", "http.url"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in Weg)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }
    }
}
