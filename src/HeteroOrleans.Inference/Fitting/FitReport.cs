namespace HeteroOrleans.Inference.Fitting;

/// <summary>How a model's classifier layer was fitted; stored beside the model as <c>&lt;file&gt;.fit.json</c>.</summary>
/// <param name="Data">The training data (a path, or the synthetic generator with its seed).</param>
/// <param name="Images">Training images used.</param>
/// <param name="FeatureWidth">Width of the pooled features the layer reads.</param>
/// <param name="Ridge">Ridge strength, relative to the mean feature variance.</param>
/// <param name="TrainAccuracy">Accuracy of the fitted model on its training images.</param>
/// <param name="FittedAtUtc">When the fit was made.</param>
/// <param name="Temperature">
/// The softmax temperature the layer's outputs were divided by, chosen to minimise the log-loss on the training images
/// (temperature scaling), so that a model's confidence says how often it is right; null for a layer fitted before
/// calibration, which the store fits again.
/// </param>
public sealed record FitReport(string Data, int Images, int FeatureWidth, double Ridge, double TrainAccuracy, DateTime FittedAtUtc, double? Temperature = null);
