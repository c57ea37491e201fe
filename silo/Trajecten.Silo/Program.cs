using Trajecten.Silo;

// One silo that also serves the HTTP API, or one of its tools (token, migrate, projecties): see Opdrachtregel.
// Configuration: appsettings.json, environment variables (e.g. ConnectionStrings__Trajecten, Silo__SiloPort) and the
// command line (--urls http://127.0.0.1:8080).
return await Opdrachtregel.StartAsync(args, Console.Error);
