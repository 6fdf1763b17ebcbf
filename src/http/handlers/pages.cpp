#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"
#include "http/pages/html.hpp"
#include "http/pages/site_css.hpp"
#include "http/static_files.hpp"

namespace hx::http::handlers {

using pages::html_response;

Response public_home(const Request& request, Context& context) {
    if (request.path == "/public/site.css") {
        Response css;
        css.content_type = "text/css; charset=utf-8";
        css.body = pages::kSiteCss;
        css.set_header("Cache-Control", "public, max-age=3600");
        return css;
    }
    auto counts = context.services.regions.counts();
    if (!counts) return error_response(counts.error(), request);
    std::string main = R"(<h1>北京市星级智慧社区认定</h1>
<p>依据《北京市智慧社区认定管理办法》，本市社区自愿申报、街道转报、区(县)社会办会同区信息化主管部门和区民政局审核推荐，
由市社会办、市经济信息化委、市民政局组织专家评估，拟认定名单公示七天、接受群众评议后命名为“北京市星级智慧社区”，并授予电子奖牌。</p>
<h2>全市社区</h2>
<div class="cards">
  <div class="card"><div class="num">)" + std::to_string(counts->districts) + R"(</div>区(县)</div>
  <div class="card"><div class="num">)" + std::to_string(counts->streets) + R"(</div>街道(乡镇)</div>
  <div class="card"><div class="num">)" + std::to_string(counts->communities) + R"(</div>社区(村)</div>
</div>
<h2>公众服务</h2>
<ul>
  <li><a href="/public/standards">查看认定标准与星级规则</a>（第七条、第十三条）</li>
  <li>拟认定名单公示、群众评议与电子奖牌查验将在认定批次进入公示阶段后在此发布。</li>
</ul>
<h2>工作人员</h2>
<p>社区、街道、区(县)与市级部门工作人员及评估专家请 <a href="/console/">登录工作台</a>。</p>
)";
    return html_response(pages::layout(request, "首页", main));
}

Response console(const Request& request, Context& context) {
    const auto* file = context.services.web.find(request.path);
    if (file == nullptr) {
        if (context.services.web.empty()) {
            return html_response(
                pages::layout("工作台未构建",
                              "<h1>工作台尚未构建</h1><p>请在项目目录运行 <code>./run</code>，"
                              "它会构建 web/ 下的工作台并重新启动服务。</p>",
                              false),
                503);
        }
        return problem(404, "not_found", "请求的文件不存在", request.request_id);
    }
    return serve_static(*file, request);
}

Response console_redirect(const Request&, Context&) {
    Response response;
    response.status = 308;
    response.content_type.clear();
    response.set_header("Location", "/console/");
    return response;
}

}  // namespace hx::http::handlers
