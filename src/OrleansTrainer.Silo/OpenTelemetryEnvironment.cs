using System.Collections;

namespace OrleansTrainer.Silo;

/// <summary>
/// The standard OpenTelemetry environment variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_SERVICE_NAME</c>, ...)
/// as configuration entries under their own names, where the OpenTelemetry SDK reads them: the silo's configuration
/// takes only <c>OTRAIN_</c> variables otherwise.
/// </summary>
public static class OpenTelemetryEnvironment
{
    private const string Prefix = "OTEL_";

    /// <summary>The configuration entries for the <c>OTEL_</c> variables that are set.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(IDictionary variables)
    {
        foreach (DictionaryEntry variable in variables)
        {
            if (variable.Key is string name && name.StartsWith(Prefix, StringComparison.Ordinal) && variable.Value is string value && value.Length > 0)
            {
                yield return new KeyValuePair<string, string?>(name, value);
            }
        }
    }
}
