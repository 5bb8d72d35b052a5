using HeteroOrleans.Inference.Runtime;

namespace HeteroOrleans.Grains.Devices;

/// <summary>What a silo gives each of its device grains: its setup, shared model sessions, cached predictions, and where it runs.</summary>
/// <param name="Setup">The silo's tiers, devices and models folder.</param>
/// <param name="Classifiers">One ONNX Runtime session per model and tuning, shared by the silo's devices.</param>
/// <param name="Predictions">Real predictions that emulated devices answer from.</param>
/// <param name="Silo">This silo.</param>
/// <param name="Compute">The machine's cores, on which devices that compute for real run their work.</param>
/// <param name="Plans">Which versions of their models the silo's devices run.</param>
public sealed record DeviceHost(
    HeteroSiloSetup Setup, SharedClassifiers Classifiers, PredictionCache Predictions, ILocalSiloDetails Silo, ComputePool Compute, SiloModelPlans Plans);
