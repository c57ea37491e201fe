using Microsoft.Extensions.Options;
using Trajecten.Silo;

// One silo that also serves the HTTP API, or one of its tools (token, migrate, projecties): see Opdrachtregel.
// Configuration: appsettings.json, environment variables (e.g. ConnectionStrings__Trajecten, Silo__SiloPort) and the
// command line (--urls http://127.0.0.1:8080).
try
{
    return await Opdrachtregel.VoerUitAsync(args);
}
catch (Exception fout) when (fout is ConfiguratieFout or OptionsValidationException)
{
    // A wrong setting is one clear sentence, not a stack trace.
    await Console.Error.WriteLineAsync($"Trajecten start niet: {fout.Message}");
    return 2;
}
