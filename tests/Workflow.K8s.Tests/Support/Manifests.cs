using k8s;

namespace Workflow.K8s.Tests;

/// <summary>
/// What a cluster operator applies: the files kustomization.yaml lists plus the Secret template, read from
/// k8s/. Tests may edit a file's text in memory (<see cref="Edit"/>) to show a check catches a mistake.
/// </summary>
internal sealed class Manifests
{
    public const string SecretTemplate = "secret.template.yaml";

    private Manifests(IReadOnlyList<ManifestFile> files) => Files = files;

    public IReadOnlyList<ManifestFile> Files { get; }

    public static Manifests Load()
    {
        var listed = Kustomization.Resources(File.ReadAllText(Path.Combine(RepositoryLayout.K8s, Kustomization.FileName)));
        var names = listed.Append(SecretTemplate);
        return new Manifests([.. names.Select(name => new ManifestFile(name, File.ReadAllText(Path.Combine(RepositoryLayout.K8s, name))))]);
    }

    public ManifestFile this[string name] =>
        Files.SingleOrDefault(file => file.Name == name) ?? throw new ArgumentException($"No manifest {name}.", nameof(name));

    /// <summary>The same manifests with one file's text replaced by <paramref name="edit"/> of it; the edit must change it.</summary>
    public Manifests Edit(string name, Func<string, string> edit)
    {
        var original = this[name];
        var edited = edit(original.Text);
        if (edited == original.Text)
        {
            throw new ArgumentException($"The edit left {name} as it was.", nameof(edit));
        }

        return new Manifests([.. Files.Select(file => file.Name == name ? file with { Text = edited } : file)]);
    }

    /// <summary>Every document of every file, loaded strictly: an unknown field anywhere throws.</summary>
    public IReadOnlyList<ManifestObject> LoadStrict()
    {
        var objects = new List<ManifestObject>();
        foreach (var file in Files)
        {
            List<object> documents;
            try
            {
                documents = KubernetesYaml.LoadAllFromString(file.Text, strict: true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new InvalidDataException($"{file.Name}: {ex.Message}", ex);
            }

            objects.AddRange(documents.Select(document => new ManifestObject(file.Name, document)));
        }

        return objects;
    }

    /// <summary>Writes the files into <paramref name="directory"/> (for the schema validator) and returns their paths.</summary>
    public IReadOnlyList<string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var file in Files)
        {
            var path = Path.Combine(directory, file.Name);
            File.WriteAllText(path, file.Text);
            paths.Add(path);
        }

        return paths;
    }
}
