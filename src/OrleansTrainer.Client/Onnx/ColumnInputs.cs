using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client.Onnx;

/// <summary>
/// The front of a graph of raw source columns (<see cref="OnnxInputs.Columns"/>): one input per column, [N, 1], encoded
/// as <see cref="LinearModel.Encode"/> encodes a raw row, and concatenated into the features [N, d]. A numeric column
/// is float32, NaN where the cell is missing: filled by an Imputer unless missing cells are refused, and its indicator
/// is IsNaN. A one-hot column is a string: a LabelEncoder gives each category of the vocabulary its position, the
/// empty string (the missing cell) the position of <c>&lt;missing&gt;</c> (or of <c>&lt;other&gt;</c>), any other
/// string the position of <c>&lt;other&gt;</c>, and the features are that position compared with 0 .. W−1. A cell
/// <see cref="LinearModel.Encode"/> refuses gets position −1, which makes the row's features NaN.
/// </summary>
internal static class ColumnInputs
{
    private const long RefusedPosition = -1;
    private const string NaN = "refusal/nan";
    private const string Zero = "refusal/zero";
    private const string FirstPosition = "refusal/first_position";

    /// <summary>Adds the column inputs of <paramref name="model"/> and the nodes that compute <paramref name="features"/> from them.</summary>
    /// <exception cref="NotSupportedException">The model has numbered features or hashed columns, or a fill value does not fit float32.</exception>
    public static void Add(OnnxGraph graph, LinearModel model, string features)
    {
        var encoding = model.RawEncoding
            ?? throw new NotSupportedException($"The model's {model.FeatureCount} features are numbered (it was trained on a sparse dataset): it has no columns to take as ONNX inputs; export it with {nameof(OnnxInputs)}.{nameof(OnnxInputs.Features)}.");
        var hashed = encoding.Columns.Where(c => c.Kind == ColumnEncodingKind.Hashed).Select(c => $"\"{c.Column}\"").ToArray();
        if (hashed.Length > 0)
        {
            throw new NotSupportedException(
                $"The model hashes column(s) {string.Join(", ", hashed)} (FeatureHasher: XXH3 of \"column=value\"), which no standard ONNX operator computes, so it cannot take raw columns; " +
                $"export it with {nameof(OnnxInputs)}.{nameof(OnnxInputs.Features)} and encode the rows before the graph.");
        }

        if (encoding.Columns.Any(c => c.Kind == ColumnEncodingKind.OneHot && CanRefuse(c)))
        {
            graph.Initializer(NaN, [1], new[] { float.NaN }.AsSpan());
            graph.Initializer(Zero, [1], new[] { 0f }.AsSpan());
            graph.Initializer(FirstPosition, [1], new[] { 0L }.AsSpan());
        }

        string[] parts = [.. encoding.Columns.SelectMany(c => c.Kind == ColumnEncodingKind.OneHot ? [OneHot(graph, c)] : Numeric(graph, c))];
        graph.Node("Concat", parts, features, OnnxAttribute.Int("axis", 1));
    }

    /// <summary>The number, filled where missing unless refused, and the missing indicator when asked for.</summary>
    private static string[] Numeric(OnnxGraph graph, ColumnEncoding column)
    {
        var name = column.Column;
        var refused = column.Missing == MissingValuePolicy.Refuse;
        graph.Input(name, OnnxDataType.Float, [null, 1], $"float32 [N, 1]: the number; NaN where the cell is missing ({(refused ? "refused: the row predicts NaN" : "filled")})");
        var value = name;
        if (!refused)
        {
            LinearModelGraph.RequireFloat32(column.Fill, $"the fill value of column \"{name}\"");
            value = $"{name}/filled";
            graph.MlNode("Imputer", [name], value,
                OnnxAttribute.Floats("imputed_value_floats", [(float)column.Fill]), OnnxAttribute.Float("replaced_value_float", float.NaN));
        }

        if (!column.MissingIndicator)
        {
            return [value];
        }

        graph.Node("IsNaN", [name], $"{name}/is_missing");
        graph.Node("Cast", [$"{name}/is_missing"], $"{name}/missing_indicator", OnnxAttribute.Int("to", (long)OnnxDataType.Float));
        return [value, $"{name}/missing_indicator"];
    }

    /// <summary>The 0/1 features of the category's position; NaN in every one when the cell is refused.</summary>
    private static string OneHot(OnnxGraph graph, ColumnEncoding column)
    {
        var name = column.Column;
        var count = column.Categories.Length;
        var width = count + (column.HasOtherBucket ? 1 : 0);
        graph.Input(name, OnnxDataType.String, [null, 1],
            $"string [N, 1]: the category, one of {count}{(column.HasOtherBucket ? ", any other to <other>" : " (any other refused: the row predicts NaN)")}; '' where the cell is missing");
        var position = $"{name}/position";
        graph.MlNode("LabelEncoder", [name], position,
            OnnxAttribute.Strings("keys_strings", [.. column.Categories, ""]),
            OnnxAttribute.Ints("values_int64s", [.. Enumerable.Range(0, count).Select(i => (long)i), MissingPosition(column)]),
            OnnxAttribute.Int("default_int64", UnknownPosition(column)));
        graph.Initializer($"{name}/positions", [width], Enumerable.Range(0, width).Select(i => (long)i).ToArray().AsSpan());
        graph.Node("Equal", [position, $"{name}/positions"], $"{name}/is_category");
        graph.Node("Cast", [$"{name}/is_category"], $"{name}/one_hot", OnnxAttribute.Int("to", (long)OnnxDataType.Float));
        if (!CanRefuse(column))
        {
            return $"{name}/one_hot";
        }

        graph.Node("Less", [position, FirstPosition], $"{name}/is_refused");
        graph.Node("Where", [$"{name}/is_refused", NaN, Zero], $"{name}/refusal");
        graph.Node("Add", [$"{name}/one_hot", $"{name}/refusal"], $"{name}/features");
        return $"{name}/features";
    }

    /// <summary>Where a category outside the vocabulary goes: <c>&lt;other&gt;</c>, else refused.</summary>
    private static long UnknownPosition(ColumnEncoding column) => column.HasOtherBucket ? column.Categories.Length : RefusedPosition;

    /// <summary>Where a missing cell goes: refused, or the category <c>&lt;missing&gt;</c> (which may itself be outside the vocabulary).</summary>
    private static long MissingPosition(ColumnEncoding column) =>
        column.Missing == MissingValuePolicy.Refuse ? RefusedPosition
        : Array.IndexOf(column.Categories, ColumnEncoding.MissingCategory) is var position and >= 0 ? position
        : UnknownPosition(column);

    private static bool CanRefuse(ColumnEncoding column) => UnknownPosition(column) == RefusedPosition || MissingPosition(column) == RefusedPosition;
}
