using Onnx;

namespace HeteroOrleans.Inference.Models;

/// <summary>Reads ONNX model files.</summary>
public static class OnnxFiles
{
    /// <summary>
    /// Reads the model at <paramref name="path"/>. Opened for shared reading: several silos of one machine (or of one
    /// process) read the same file at once, which the protobuf library's own file reader, opening it exclusively, refuses.
    /// </summary>
    public static ModelProto Read(string path) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
}
