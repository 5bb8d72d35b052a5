using Google.Protobuf;
using HeteroOrleans.Inference.Fitting;
using Onnx;

namespace HeteroOrleans.Tests.Models;

public sealed class ClassifierFitTests
{
    [Fact]
    public void Ridge_regression_recovers_a_linear_map()
    {
        var random = new Random(3);
        const int n = 400, d = 5, outputs = 2;
        double[,] truth = { { 1, -2 }, { 0.5, 0 }, { 0, 3 }, { -1, 1 }, { 2, 2 } };
        var x = new double[n * d];
        var y = new double[n * outputs];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                x[i * d + j] = random.NextDouble() * 2 - 1;
            }

            for (var c = 0; c < outputs; c++)
            {
                y[i * outputs + c] = 7 * c + Enumerable.Range(0, d).Sum(j => x[i * d + j] * truth[j, c]);
            }
        }

        var (weights, bias) = RidgeRegression.Fit(x, n, d, y, outputs, relativeRidge: 1e-8);

        for (var j = 0; j < d; j++)
        {
            Assert.Equal(truth[j, 0], weights[j * outputs], 1e-5);
            Assert.Equal(truth[j, 1], weights[j * outputs + 1], 1e-5);
        }

        Assert.Equal(0, bias[0], 1e-5);
        Assert.Equal(7, bias[1], 1e-5);
    }

    [Fact]
    public void A_built_model_is_fitted_and_classifies_held_out_synthetic_images_well_above_chance()
    {
        var store = ModelStore.Open(TestPaths.NewModelsDirectory());
        using var classifier = store.OpenClassifier("resnet-tiny", Inference.Models.SessionTuning.Default);

        var accuracy = classifier.AccuracyOn(SyntheticCifar.Generate(500, seed: 1));

        var fit = store.FitReportOf("resnet-tiny");
        Assert.NotNull(fit);
        Assert.Equal(500, fit.Images);
        Assert.Contains("synthetic", fit.Data);
        Assert.True(accuracy > 0.10, $"fine accuracy {accuracy:P1} is not well above the 1 % of chance");
    }

    [Fact]
    public void Refitting_on_other_data_replaces_the_classifier_and_records_the_data()
    {
        var store = ModelStore.Open(TestPaths.NewModelsDirectory());
        var train = SyntheticCifar.Generate(300, seed: 77);

        var report = store.Fit("mobilenet-tiny", train, relativeRidge: 0.01);

        Assert.Equal(300, report.Images);
        Assert.Equal(train.Source, store.FitReportOf("mobilenet-tiny")!.Data);
        Assert.InRange(report.TrainAccuracy, 0.05, 1);
    }

    [Fact]
    public void A_foreign_model_with_its_own_tensor_names_drops_in_and_can_be_fitted()
    {
        var directory = TestPaths.NewTempDirectory();
        WriteLinearClassifier(Path.Combine(directory, "linear.onnx"));
        File.WriteAllText(Path.Combine(directory, "models.json"), """
            { "models": [ { "id": "linear", "file": "linear.onnx", "labels": "Coarse",
                            "input": "pixels", "output": "scores", "features": "flat", "split": "flat" } ] }
            """);
        var store = ModelStore.Open(directory);
        var test = SyntheticCifar.Generate(300, seed: 1);

        using (var before = store.OpenClassifier("linear", Inference.Models.SessionTuning.Default))
        {
            Assert.Equal(300, before.Classify(test.CreateTask(0, 300).Pixels, 300).Labels.Length);
        }

        store.Fit("linear", SyntheticCifar.Generate(1500, seed: 9), relativeRidge: 0.01);
        using var after = store.OpenClassifier("linear", Inference.Models.SessionTuning.Default);
        Assert.True(after.AccuracyOn(test) > 0.15, "a fitted linear read-out of raw pixels beats 5 % chance");
    }

    // A model the project's builder did not write: raw pixels scaled, 4x4 average-pooled, flattened, one dense
    // layer, and tensor names of its own.
    private static void WriteLinearClassifier(string path)
    {
        var graph = new GraphProto { Name = "linear" };
        graph.Input.Add(Value("pixels", [-1, 3, 32, 32]));
        graph.Output.Add(Value("scores", [-1, 20]));
        graph.Initializer.Add(Tensor("scale", [1], [1f / 255]));
        graph.Initializer.Add(Tensor("w", [20, 192], Enumerable.Range(0, 20 * 192).Select(i => (float)Math.Sin(i) * 0.01f).ToArray()));
        graph.Initializer.Add(Tensor("b", [20], new float[20]));
        graph.Node.Add(Node("Mul", ["pixels", "scale"], "scaled"));
        var pool = Node("AveragePool", ["scaled"], "pooled");
        pool.Attribute.Add(Ints("kernel_shape", 4, 4));
        pool.Attribute.Add(Ints("strides", 4, 4));
        graph.Node.Add(pool);
        graph.Node.Add(Node("Flatten", ["pooled"], "flat"));
        var gemm = Node("Gemm", ["flat", "w", "b"], "scores");
        gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(gemm);
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        File.WriteAllBytes(path, model.ToByteArray());
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    private static ValueInfoProto Value(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
