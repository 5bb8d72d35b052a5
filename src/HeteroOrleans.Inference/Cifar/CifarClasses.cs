namespace HeteroOrleans.Inference.Cifar;

/// <summary>The names of CIFAR-100's 100 classes and 20 super-classes, in label order.</summary>
public static class CifarClasses
{
    /// <summary>The fine classes, label 0 to 99.</summary>
    public static IReadOnlyList<string> Fine { get; } =
    [
        "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
        "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
        "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
        "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
        "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle", "mountain",
        "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck", "pine_tree",
        "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray", "road", "rocket",
        "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake", "spider",
        "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
        "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf", "woman", "worm",
    ];

    /// <summary>The super-classes, label 0 to 19.</summary>
    public static IReadOnlyList<string> Coarse { get; } =
    [
        "aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables", "household_electrical_devices",
        "household_furniture", "insects", "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
        "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals",
        "trees", "vehicles_1", "vehicles_2",
    ];

    /// <summary>The name of fine label <paramref name="label"/>, or null for none (-1) or one out of range.</summary>
    public static string? FineName(int label) => label >= 0 && label < Fine.Count ? Fine[label] : null;

    /// <summary>The name of coarse label <paramref name="label"/>, or null for one out of range.</summary>
    public static string? CoarseName(int label) => label >= 0 && label < Coarse.Count ? Coarse[label] : null;
}
