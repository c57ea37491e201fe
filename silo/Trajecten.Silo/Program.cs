using Microsoft.Extensions.Options;
using Trajecten.Silo;

// One silo that also serves the HTTP API. Configuration: appsettings.json, environment variables
// (e.g. ConnectionStrings__Trajecten, Silo__SiloPort) and command-line (--urls http://127.0.0.1:8080).
try
{
    if (args is ["token", ..])
    {
        // `token --sub … --rol … --gemeente …`: a development token for curl and tests.
        return Authenticatie.Token(args[1..], new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables().Build());
    }

    if (args is ["migrate", ..])
    {
        // `migrate`: bring the database of ConnectionStrings:Trajecten up to date without starting a silo.
        return await TrajectenHost.MigreerAsync(args[1..]);
    }

    if (args is ["projecties", ..])
    {
        // `projecties status | herbouw [naam] | geparkeerd [naam] | herstel [naam]`: the read side, against the database.
        return await ProjectieCommando.UitvoerenAsync(args[1..]);
    }

    var app = TrajectenHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception fout) when (fout is ConfiguratieFout or OptionsValidationException)
{
    // A wrong setting is one clear sentence, not a stack trace.
    await Console.Error.WriteLineAsync($"Trajecten start niet: {fout.Message}");
    return 2;
}
