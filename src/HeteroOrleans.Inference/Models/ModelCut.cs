using HeteroOrleans.Inference.Privacy;
namespace HeteroOrleans.Inference.Models;

/// <summary>
/// One place a model can be cut in two: the head computes <see cref="Tensor"/> from the image, the tail the logits from
/// it alone (no shortcut crosses the cut).
/// </summary>
/// <param name="Tensor">The tensor at the cut.</param>
/// <param name="Dims">One image's shape of the tensor.</param>
/// <param name="HeadFlops">Floating-point operations of the head per image (a multiply-add counts two).</param>
/// <param name="TotalFlops">Floating-point operations of the whole model per image.</param>
public sealed record ModelCut(string Tensor, IReadOnlyList<int> Dims, double HeadFlops, double TotalFlops)
{
    /// <summary>The share of the model's work left to the tail, 0 to 1.</summary>
    public double TailShare => TotalFlops > 0 ? Math.Clamp(1 - HeadFlops / TotalFlops, 0, 1) : 1;

    /// <summary>The share of the model's work the head does, 0 to 1.</summary>
    public double HeadShare => 1 - TailShare;

    /// <summary>Bytes one image's tensor takes on the link in <paramref name="encoding"/>.</summary>
    public long BytesPerImage(FeatureEncoding encoding) => FeatureCodec.BytesPerImage(Dims, encoding);

    /// <summary>The shape as text, for example <c>16×32×32</c>.</summary>
    public string Shape => string.Join("×", Dims);
}
