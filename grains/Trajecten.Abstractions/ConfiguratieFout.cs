namespace Trajecten.Abstractions;

/// <summary>A setting that prevents start-up; its message names the setting and what to do.</summary>
public sealed class ConfiguratieFout(string message) : Exception(message);
