namespace Trajecten.TestHulp;

/// <summary>Where the silo's build output is, for tests and tools that start it as a process.</summary>
public static class SiloUitvoer
{
    /// <summary>The silo's build output, next to the calling test project's (same configuration).</summary>
    public static string Dll
    {
        get
        {
            var hier = new DirectoryInfo(AppContext.BaseDirectory); // tests/<project>/bin/<Config>/net10.0/
            var configuratie = hier.Parent!.Name;
            var repo = hier.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(repo, "silo", "Trajecten.Silo", "bin", configuratie, "net10.0", "Trajecten.Silo.dll");
        }
    }
}
