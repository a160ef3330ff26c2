// The pages' only script of their own: draws ECharts options built in C# and reports clicks back. ECharts itself is
// served from _content/Workflow.Web/lib/echarts (copied from npm at build), never from a CDN.
window.landflowCharts = {
  render(element, option, dotnet) {
    if (!element || !window.echarts) { return; }
    let chart = echarts.getInstanceByDom(element);
    if (!chart) {
      // SVG: crisp in screenshots and print.
      chart = echarts.init(element, null, { renderer: 'svg' });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(element);
      element._landflowObserver = observer;
    }
    chart.setOption(option, true);
    chart.off('click');
    if (dotnet) {
      chart.on('click', p => dotnet.invokeMethodAsync('OnChartClick', p.dataIndex ?? -1));
    }
  },
  dispose(element) {
    if (!element) { return; }
    element._landflowObserver?.disconnect();
    echarts.getInstanceByDom(element)?.dispose();
  }
};
