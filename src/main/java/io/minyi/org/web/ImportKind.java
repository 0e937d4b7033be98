package io.minyi.org.web;

import io.minyi.platform.NotFoundException;

import java.util.Arrays;
import java.util.List;

/** What can be imported from Excel, with each kind's template: the header row, an example row and notes. */
enum ImportKind {

    JURISDICTIONS("jurisdictions", "行政区划",
            List.of("区划编码*", "名称*", "上级区划编码*"),
            List.of("990101099", "示例街道", "990101"),
            List.of("级别由上级决定：市之下为县（区），县之下为乡镇（街道），乡镇之下为村（社区）；村（社区）之下不再设区划。",
                    "上级区划可以是系统中已有的区划，也可以是本文件中写在前面的行。")),
    UNITS("units", "政法单位",
            List.of("单位编码*", "单位名称*", "单位类型*", "所在区划编码*", "上级单位编码", "电话", "地址"),
            List.of("U-0001-99", "城关区公安局示例派出所", "派出所", "990101001", "U-0001-03", "0999-8000001", "示例路1号"),
            List.of("单位类型填写：政法委、综治中心、公安局、派出所、法院、人民法庭、检察院、司法局、司法所。",
                    "上级单位可以是系统中已有的单位，也可以是本文件中写在前面的行。")),
    OFFICERS("officers", "政法干警",
            List.of("警号*", "姓名*", "单位编码*", "职务"),
            List.of("900001", "张三", "U-0001-10", "民警"),
            List.of("警号在同一系统（公安、法院、检察院、司法行政、政法委）内不能重复。",
                    "单位编码须是系统中已有的单位，可在“政法单位”页面导出查看。")),
    GRIDS("grids", "网格",
            List.of("网格编码*", "网格名称*", "网格类型*", "所在村（社区）编码*", "户数", "网格员用户名"),
            List.of("G-90001", "示例网格", "农村网格", "990101001001", "320", "gridworker"),
            List.of("网格类型填写：开放型小区、封闭型小区、农村网格、专属网格。",
                    "网格员用户名须是已有的网格员账号，多人用顿号“、”或逗号分隔。")),
    STAFF("staff", "工作人员账号",
            List.of("用户名*", "姓名*", "角色*", "单位编码*", "管辖区划编码*", "初始密码*", "手机", "邮箱", "关联干警警号"),
            List.of("zhangsan01", "张三", "调度员", "U-0001-02", "990101", "Minyi@2026", "13800000000",
                    "zhangsan@example.gov.cn", ""),
            List.of("角色填写：系统管理员、领导、调度员、督办员、单位领导、单位承办人、调解员、网格员、纪检监察；多个角色用顿号“、”分隔。",
                    "用户名由3到40位字母、数字、下划线、点或减号组成；初始密码至少8位，须含字母和数字，请通知本人登录后修改。",
                    "关联干警警号：账号属于某位干警时填写，关于该干警的问题线索不会推送给这个账号。"));

    private final String path;
    private final String title;
    private final List<String> header;
    private final List<String> example;
    private final List<String> notes;

    ImportKind(String path, String title, List<String> header, List<String> example, List<String> notes) {
        this.path = path;
        this.title = title;
        this.header = header;
        this.example = example;
        this.notes = notes;
    }

    static ImportKind fromPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst()
                .orElseThrow(() -> new NotFoundException("import kind " + path));
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public List<String> header() {
        return header;
    }

    byte[] template() {
        List<String> allNotes = new java.util.ArrayList<>();
        allNotes.add(title + "导入模板说明");
        allNotes.add("第1行为表头，请勿修改；从第2行起每行一条记录，第2行为示例，导入前请删除或改为真实数据。");
        allNotes.add("带 * 的列必须填写。整个文件全部校验通过才会导入，有任何错误则一条也不导入，并逐行列出错误。");
        allNotes.addAll(notes);
        return Xlsx.write(title, header, List.of(example), allNotes);
    }
}
