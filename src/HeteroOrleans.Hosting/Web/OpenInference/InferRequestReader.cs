using System.Text.Json;
using HeteroOrleans.Inference.Cifar;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>
/// Turns a protocol request into a service request, or says which field is wrong and why: one input, either
/// <c>image</c> (BYTES: base64-encoded PNG, JPEG … one picture per element) or <c>pixels</c> (UINT8 [N,32,32,3],
/// height, width, RGB, row-major); parameters <c>deadline_ms</c> (default 1000) and <c>priority</c> (normal, high).
/// </summary>
public static class InferRequestReader
{
    /// <summary>The deadline of a request that names none.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(1);

    private const int Side = 32;

    /// <summary>The service request <paramref name="request"/> asks for.</summary>
    /// <exception cref="ArgumentException">A field is missing or wrong; the message names it.</exception>
    public static ServeRequest Read(InferRequest request)
    {
        var (deadline, priority) = (Deadline(request.Parameters), Priority(request.Parameters));
        if (request.Inputs is not [var input])
        {
            throw new ArgumentException($"inputs: give exactly one input ('image' as BYTES or 'pixels' as UINT8 [N,32,32,3]); {request.Inputs?.Count ?? 0} given");
        }

        var pixels = (input.Name, input.Datatype) switch
        {
            ("image", "BYTES") => EncodedPictures(input),
            ("pixels", "UINT8") => Tensor(input),
            ("image" or "pixels", var type) => throw new ArgumentException($"inputs[0].datatype: '{type}' is not the datatype of '{input.Name}' (BYTES for image, UINT8 for pixels)"),
            (var name, _) => throw new ArgumentException($"inputs[0].name: '{name}' is not an input of this model ('image' or 'pixels')"),
        };
        var served = new ServeRequest(pixels, deadline, priority);
        return served.Problem() is { } problem ? throw new ArgumentException(problem) : served;
    }

    private static TimeSpan Deadline(Dictionary<string, JsonElement>? parameters)
    {
        if (parameters is null || !parameters.TryGetValue("deadline_ms", out var value))
        {
            return DefaultDeadline;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var ms) || !double.IsFinite(ms) || ms <= 0
            || ms > ServeRequest.MaxDeadline.TotalMilliseconds)
        {
            throw new ArgumentException($"parameters.deadline_ms: {value.GetRawText()} is not a number of milliseconds above 0 and at most {ServeRequest.MaxDeadline.TotalMilliseconds:0}");
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    private static RequestPriority Priority(Dictionary<string, JsonElement>? parameters)
    {
        if (parameters is null || !parameters.TryGetValue("priority", out var value))
        {
            return RequestPriority.Normal;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !int.TryParse(text, out _)
            && Enum.TryParse<RequestPriority>(text, ignoreCase: true, out var priority)
            ? priority
            : throw new ArgumentException($"parameters.priority: {value.GetRawText()} is not a priority class ('normal' or 'high')");
    }

    private static byte[] EncodedPictures(InferTensor input)
    {
        if (input.Data.ValueKind != JsonValueKind.Array || input.Data.GetArrayLength() == 0)
        {
            throw new ArgumentException("inputs[0].data: give one base64-encoded picture per element");
        }

        var count = input.Data.GetArrayLength();
        if (count > ServeRequest.MaxImages)
        {
            throw new ArgumentException($"inputs[0].data: {count} pictures; a request holds at most {ServeRequest.MaxImages}");
        }

        if (input.Shape is not null && (input.Shape.Length != 1 || input.Shape[0] != count))
        {
            throw new ArgumentException($"inputs[0].shape: [{string.Join(",", input.Shape)}] does not match the {count} picture(s) in data");
        }

        var pixels = new byte[count * ServeRequest.ImageBytes];
        var i = 0;
        foreach (var element in input.Data.EnumerateArray())
        {
            var field = $"inputs[0].data[{i}]";
            if (element.ValueKind != JsonValueKind.String || !element.TryGetBytesFromBase64(out var encoded) || encoded.Length == 0)
            {
                throw new ArgumentException($"{field}: not a base64-encoded picture");
            }

            Pictures.Decode(encoded, field).CopyTo(pixels, i * ServeRequest.ImageBytes);
            i++;
        }

        return pixels;
    }

    // [N,32,32,3] row-major (height, width, RGB): the layout of a picture in memory; the devices take plane by plane.
    private static byte[] Tensor(InferTensor input)
    {
        if (input.Shape is not [var count, Side, Side, 3] || count <= 0 || count > ServeRequest.MaxImages)
        {
            throw new ArgumentException(
                $"inputs[0].shape: [{string.Join(",", input.Shape ?? [])}] is not [N,32,32,3] with N from 1 to {ServeRequest.MaxImages}");
        }

        var expected = (int)count * ServeRequest.ImageBytes;
        var values = Flatten(input.Data, expected);
        if (values.Count != expected)
        {
            throw new ArgumentException($"inputs[0].data: {values.Count} elements do not match shape [{count},32,32,3] ({expected} elements)");
        }

        var pixels = new byte[expected];
        for (var image = 0; image < count; image++)
        {
            for (var at = 0; at < Side * Side; at++)
            {
                for (var channel = 0; channel < 3; channel++)
                {
                    pixels[image * ServeRequest.ImageBytes + channel * Side * Side + at] = values[image * ServeRequest.ImageBytes + at * 3 + channel];
                }
            }
        }

        return pixels;
    }

    // The protocol allows the data flat or nested as the shape; either way its elements in row-major order.
    private static List<byte> Flatten(JsonElement data, int most)
    {
        var values = new List<byte>(most);
        void Add(JsonElement element)
        {
            if (values.Count > most)
            {
                return;
            }

            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Add(item);
                }
            }
            else if (element.ValueKind == JsonValueKind.Number && element.TryGetByte(out var value))
            {
                values.Add(value);
            }
            else
            {
                throw new ArgumentException($"inputs[0].data: element {values.Count} ({element.GetRawText()}) is not a UINT8 from 0 to 255");
            }
        }

        if (data.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("inputs[0].data: not an array of UINT8 values");
        }

        Add(data);
        return values;
    }
}
