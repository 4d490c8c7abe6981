using System.ComponentModel;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Ingest;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// The CSV dialect options (<c>--delimiter</c>, <c>--quote</c>) of every command that reads CSV: <c>dataset upload</c>, <c>dataset ingest</c>,
/// <c>predict</c> and <c>model evaluate --input</c>; the one place they are defined and turned into a <see cref="CsvDialect"/>.
/// </summary>
public abstract class CsvDialectSettings : ClusterSettings
{
    /// <summary>The CSV field separator.</summary>
    [CommandOption("--delimiter <C>")]
    [Description("CSV field separator: ',' (default), ';', '\\t' (or tab) or '|'. Decimal points are always '.'.")]
    [DefaultValue(",")]
    public string Delimiter { get; set; } = ",";

    /// <summary>The CSV quote character.</summary>
    [CommandOption("--quote <C>")]
    [Description("CSV quote character (default '\"'); doubled inside a quoted field.")]
    [DefaultValue("\"")]
    public string Quote { get; set; } = "\"";

    /// <summary>The dialect the options give.</summary>
    /// <exception cref="CliException">A usage error: the delimiter is not one of the four, or the quote is not one character other than the delimiter and whitespace.</exception>
    public CsvDialect Dialect()
    {
        var dialect = new CsvDialect { Delimiter = DelimiterOf(Delimiter), Quote = QuoteOf(Quote) };
        try
        {
            dialect.Validate();
        }
        catch (ArgumentException error)
        {
            throw CliException.Usage($"--quote: {error.Message}");
        }

        return dialect;
    }

    /// <summary>',', ';', '|', or a tab (written as a tab, '\t' or 'tab').</summary>
    private static char DelimiterOf(string text) => text switch
    {
        "," or ";" or "|" => text[0],
        "\t" or "\\t" or "tab" => '\t',
        _ => throw CliException.Usage($"--delimiter must be ',', ';', '\\t' (or tab) or '|', not '{text}'"),
    };

    private static char QuoteOf(string text) =>
        text.Length == 1 ? text[0] : throw CliException.Usage($"--quote must be one character, not '{text}'");
}
