using System.Globalization;
using System.Xml.Linq;
using k8s.Models;

namespace Workflow.K8s.Tests;

/// <summary>The Deployments run the images `dotnet publish -t:PublishContainer` makes, and expose the ports
/// the images declare.</summary>
public sealed class ContainerImageTests
{
    public static TheoryData<string, string> Images => new()
    {
        { "landflow-silo", "silo/Workflow.Silo/Workflow.Silo.csproj" },
        { "landflow-gateway", "client/Workflow.Gateway/Workflow.Gateway.csproj" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Deployment_Image_IsTheProjectsContainerImage(string deployment, string project)
    {
        var csproj = XDocument.Load(RepositoryLayout.PathOf(project.Split('/')));
        var repository = Property(csproj, "ContainerRepository");
        var tag = Property(csproj, "ContainerImageTag");
        var container = Assert.Single(Deployment(deployment).Spec.Template.Spec.Containers);

        Assert.Equal($"{repository}:{tag}", container.Image);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Deployment_Ports_AreThePortsTheImageDeclares(string deployment, string project)
    {
        var csproj = XDocument.Load(RepositoryLayout.PathOf(project.Split('/')));
        var declared = csproj.Descendants("ContainerPort").Select(p => int.Parse((string)p.Attribute("Include")!, CultureInfo.InvariantCulture));
        var container = Assert.Single(Deployment(deployment).Spec.Template.Spec.Containers);

        Assert.Equal(declared.Order(), container.Ports.Select(p => p.ContainerPort).Order());
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Deployment_User_IsTheImagesUser(string deployment, string project)
    {
        var csproj = XDocument.Load(RepositoryLayout.PathOf(project.Split('/')));
        var user = long.Parse(Property(csproj, "ContainerUser"), CultureInfo.InvariantCulture);

        Assert.Equal(user, Deployment(deployment).Spec.Template.Spec.SecurityContext.RunAsUser);
    }

    private static string Property(XDocument csproj, string name) =>
        csproj.Descendants(name).Select(e => e.Value.Trim()).SingleOrDefault()
        ?? throw new InvalidOperationException($"The project sets no {name}.");

    private static V1Deployment Deployment(string name) =>
        (V1Deployment)Manifests.Load().LoadStrict().Single<V1Deployment>(name).Resource;
}
