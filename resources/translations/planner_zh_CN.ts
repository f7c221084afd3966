<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../planner/gui/case_actions.py" line="35"/>
        <source>Load &amp;declared indicators…</source>
        <translation>载入申报指标(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_actions.py" line="37"/>
        <source>&amp;Enter declared indicators…</source>
        <translation>录入申报指标(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_actions.py" line="39"/>
        <source>&amp;Technical and economic indicators (技术经济指标)…</source>
        <translation>技术经济指标表(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_actions.py" line="44"/>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_actions.py" line="45"/>
        <source>&amp;Notice to the applicant (一次性告知书)…</source>
        <translation>一次性告知书(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_actions.py" line="47"/>
        <source>Review &amp;opinion (审查意见书)…</source>
        <translation>审查意见书(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_actions.py" line="50"/>
        <source>Planning &amp;conditions (规划条件) for the selected parcel…</source>
        <translation>所选地块的规划条件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_actions.py" line="63"/>
        <source>Load declared indicators</source>
        <translation>载入申报指标</translation>
    </message>
</context>
<context>
    <name>CaseController</name>
    <message>
        <location filename="../../planner/gui/case_window.py" line="163"/>
        <source>Resubmission</source>
        <extracomment>The window&apos;s exports by their first bytes (the name the official typed may lack its suffix) -&gt; report kind (planner.cases.register.REPORT_KINDS). An XLSX is a ZIP; a GeoPackage an SQLite database.</extracomment>
        <translation>补正复核</translation>
    </message>
</context>
<context>
    <name>CaseListDialog</name>
    <message>
        <location filename="../../planner/gui/case_list.py" line="132"/>
        <location filename="../../planner/gui/case_list.py" line="180"/>
        <location filename="../../planner/gui/case_list.py" line="340"/>
        <source>Cases</source>
        <translation>案卷</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="136"/>
        <source>Use another &amp;register…</source>
        <translation>使用其他登记库(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="151"/>
        <source>Show closed cases</source>
        <translation>显示已办结案卷</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="153"/>
        <source>&amp;New case…</source>
        <translation>新建案卷(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="155"/>
        <source>&amp;Open case</source>
        <translation>打开案卷(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="157"/>
        <location filename="../../planner/gui/case_list.py" line="392"/>
        <source>C&amp;lose case…</source>
        <translation>办结案卷(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="160"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="185"/>
        <source>Use another register</source>
        <translation>使用其他案卷登记库</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="186"/>
        <source>Case register (*.sqlite *.db);;All files (*)</source>
        <translation>案卷登记库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="302"/>
        <source>Close case</source>
        <translation>办结案卷</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="387"/>
        <source>&amp;Cases…</source>
        <translation>案卷(&amp;C)…</translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="129"/>
        <location filename="../../planner/gui/changes_panel.py" line="130"/>
        <source>Change</source>
        <extracomment>The map layer of changed parcels. Kinds of change drawn on the map, by class number: parcels of the version in force, then the old version&apos;s parcels that are gone. Outlines only, thick, so each parcel&apos;s status colour still shows through. Up to this many rows, the columns are sized to their texts; beyond, they keep their widths (drag to widen).</extracomment>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="129"/>
        <location filename="../../planner/gui/changes_panel.py" line="130"/>
        <source>Parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="129"/>
        <source>What changed</source>
        <translation>变化内容</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="130"/>
        <source>Rule</source>
        <translation>审查规则</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="130"/>
        <source>Building</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="131"/>
        <source>Under the version in force</source>
        <translation>现行版本下</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="131"/>
        <source>Under the other version</source>
        <translation>另一版本下</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="135"/>
        <source>Parcels changed</source>
        <translation>地块变化</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="136"/>
        <source>Findings that depend on the version</source>
        <translation>随版本变化的审查结论</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="165"/>
        <source>Not comparing plan versions. In the Plan versions panel, choose a version and &quot;Compare with the version in force&quot;.</source>
        <translation>未在比较规划版本。请在“规划版本”面板中选择一个版本，点击“与现行版本比较”。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="183"/>
        <source>Comparing the version in force, {new}, with {old}.</source>
        <translation>正在比较现行版本 {new} 与 {old}。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="184"/>
        <source>Parcels: {added} added, {removed} removed, {changed} changed, {split} split, {merged} merged, {unchanged} unchanged.</source>
        <translation>地块：新增 {added} 块，删除 {removed} 块，调整 {changed} 块，拆分 {split} 处，合并 {merged} 处，未变 {unchanged} 块。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="179"/>
        <source>Findings: {appeared} appear, {disappeared} disappear, {changed} change, {unchanged} the same.</source>
        <translation>审查结论：新出现 {appeared} 项，消失 {disappeared} 项，变化 {changed} 项，相同 {unchanged} 项。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="181"/>
        <source>Load a scheme to see which findings depend on the version.</source>
        <translation>载入报建方案后可查看随版本变化的审查结论。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="192"/>
        <source>Changed</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="192"/>
        <source>Renamed</source>
        <translation>更名</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="192"/>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="193"/>
        <source>Merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="193"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="193"/>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="200"/>
        <source>{old} is now {new}</source>
        <translation>{old} 拆分为 {new}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="203"/>
        <source>{old} are now {new}</source>
        <translation>{old} 合并为 {new}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="206"/>
        <source>new in the version in force</source>
        <translation>现行版本新增</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="208"/>
        <source>not in the version in force</source>
        <translation>现行版本中已无此地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="214"/>
        <source>was {old}</source>
        <translation>原编号 {old}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="220"/>
        <source>land use {old} → {new}</source>
        <translation>用地性质 {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="223"/>
        <source>boundary redrawn ({old:.0f} m² → {new:.0f} m²)</source>
        <translation>边界调整（{old:.0f} m² → {new:.0f} m²）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="228"/>
        <source>Appears</source>
        <translation>新出现</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="228"/>
        <source>Disappears</source>
        <translation>消失</translation>
    </message>
    <message>
        <location filename="../../planner/gui/changes_panel.py" line="228"/>
        <source>Changes</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>DeclaredDialog</name>
    <message>
        <location filename="../../planner/gui/declared_dialog.py" line="47"/>
        <source>Declared indicators</source>
        <translation>申报技术经济指标</translation>
    </message>
    <message>
        <location filename="../../planner/gui/declared_dialog.py" line="49"/>
        <source>Parcel (blank: whole scheme)</source>
        <translation>地块（空白：整个方案）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/declared_dialog.py" line="49"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../planner/gui/declared_dialog.py" line="50"/>
        <source>Declared</source>
        <translation>申报值</translation>
    </message>
    <message>
        <location filename="../../planner/gui/declared_dialog.py" line="52"/>
        <source>&amp;Add row</source>
        <translation>添加一行(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/declared_dialog.py" line="54"/>
        <source>&amp;Remove row</source>
        <translation>删除所选行(&amp;R)</translation>
    </message>
</context>
<context>
    <name>IndicatorTableDialog</name>
    <message>
        <location filename="../../planner/gui/declared_dialog.py" line="119"/>
        <source>Technical and economic indicators (技术经济指标)</source>
        <translation>技术经济指标表</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../planner/gui/layer_panel.py" line="73"/>
        <source>Zoom to</source>
        <extracomment>Rows the layers list shows before it scrolls; it is never taller than its layers need.</extracomment>
        <translation>缩放至</translation>
    </message>
    <message>
        <location filename="../../planner/gui/layer_panel.py" line="74"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../planner/gui/layer_panel.py" line="81"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../planner/gui/layer_panel.py" line="117"/>
        <source>{path}
layer: {layer}
{features} features · {crs}</source>
        <translation>{path}
图层：{layer}
{features} 个要素 · {crs}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../planner/gui/main_window.py" line="146"/>
        <source>Planner — regulatory plan checker</source>
        <extracomment>The docks&apos; layout version: raise it when docks are added, so an older saved layout does not misplace them. Where the window&apos;s dock layout is saved: one key per layout version, so an older layout is never restored. The map&apos;s least share of the window&apos;s width: a saved layout that leaves it less is not restored. Control lines and zones by kind, the index into planner.io.controls.KINDS (-1: unknown). Bottom to top: control lines above parcels and green areas, below buildings. The plan version the official compares with the one in force (None: not comparing).</extracomment>
        <translation>Planner — 控规审查</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="199"/>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="200"/>
        <source>Findings</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="201"/>
        <source>Parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="202"/>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="203"/>
        <source>Plan versions</source>
        <translation>规划版本</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="204"/>
        <location filename="../../planner/gui/main_window.py" line="428"/>
        <location filename="../../planner/gui/main_window.py" line="551"/>
        <location filename="../../planner/gui/main_window.py" line="806"/>
        <source>Plan changes</source>
        <translation>规划调整</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="282"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="283"/>
        <source>Open &amp;plan layer…</source>
        <translation>打开控规图层(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="284"/>
        <source>Open scheme &amp;buildings…</source>
        <translation>打开方案建筑(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="285"/>
        <source>Open scheme &amp;green areas…</source>
        <translation>打开方案绿地(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="286"/>
        <source>Open &amp;control lines…</source>
        <translation>打开控制线(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="292"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="298"/>
        <source>Export report as &amp;PDF…</source>
        <translation>导出 PDF 报告(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="299"/>
        <source>Print &amp;preview…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="300"/>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="301"/>
        <source>Export &amp;spreadsheet (XLSX)…</source>
        <translation>导出表格 (XLSX)(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="302"/>
        <source>Export findings as &amp;GeoPackage…</source>
        <translation>导出不符合项为 GeoPackage(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="310"/>
        <source>Report &amp;settings…</source>
        <translation>报告设置(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="314"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="318"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="320"/>
        <source>Zoom to &amp;all</source>
        <translation>全图(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="323"/>
        <source>Zoom to &amp;selection</source>
        <translation>缩放至所选(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="327"/>
        <source>&amp;Legend on the map</source>
        <translation>在地图上显示图例(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="337"/>
        <source>&amp;Reset layout</source>
        <translation>恢复默认布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="347"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="365"/>
        <source>Open layer</source>
        <translation>打开图层</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="465"/>
        <source>This plan layer names no version: type its label, approval number (批复文号) and date in the Plan versions panel.</source>
        <translation>该规划图层未注明版本：请在“规划版本”面板中填写版本名称、批复文号和批复时间。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="583"/>
        <location filename="../../planner/gui/main_window.py" line="1033"/>
        <source>Cancelled; the previous result is kept.</source>
        <translation>已取消，保留上次的审查结果。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="618"/>
        <source>Cannot load</source>
        <translation>无法加载</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="744"/>
        <source>Parcel changed by the amendment</source>
        <translation>调整的地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="744"/>
        <source>Parcel renamed</source>
        <translation>更名的地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="745"/>
        <source>Parcel split</source>
        <translation>拆分的地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="745"/>
        <source>Parcels merged</source>
        <translation>合并的地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="746"/>
        <source>Parcel added</source>
        <translation>新增的地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="746"/>
        <source>Parcel removed (old version)</source>
        <translation>删除的地块（原版本）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="804"/>
        <location filename="../../planner/gui/main_window.py" line="1417"/>
        <source>Plan parcels</source>
        <translation>控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="804"/>
        <location filename="../../planner/gui/main_window.py" line="1418"/>
        <source>Scheme buildings</source>
        <translation>方案建筑</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="805"/>
        <location filename="../../planner/gui/main_window.py" line="1419"/>
        <source>Scheme green areas</source>
        <translation>方案绿地</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="805"/>
        <location filename="../../planner/gui/main_window.py" line="1420"/>
        <source>Control lines</source>
        <translation>控制线</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="925"/>
        <source>{reviewed} of {total} violations reviewed</source>
        <translation>不符合项已审查 {reviewed}/{total}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1024"/>
        <source>Writing {path}…</source>
        <translation>正在写入 {path}……</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1042"/>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1076"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1085"/>
        <source>Export spreadsheet</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1092"/>
        <source>Export findings</source>
        <translation>导出不符合项</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1125"/>
        <location filename="../../planner/gui/main_window.py" line="1175"/>
        <source>Preparing the report…</source>
        <translation>正在生成报告……</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1194"/>
        <source>Report settings</source>
        <translation>报告设置</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1195"/>
        <source>Authority named in the report&apos;s title:</source>
        <translation>报告标题中的审查机关：</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1350"/>
        <source>{m:.2f} m/px</source>
        <translation>{m:.2f} 米/像素</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1371"/>
        <source>plan</source>
        <translation>控规</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1371"/>
        <source>buildings</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1371"/>
        <source>green</source>
        <translation>绿地</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1372"/>
        <source>control lines</source>
        <translation>控制线</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1415"/>
        <source>Load layer</source>
        <translation>加载图层</translation>
    </message>
    <message>
        <location filename="../../planner/gui/main_window.py" line="1416"/>
        <source>What does {name} hold?</source>
        <translation>{name} 是哪类图层？</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../planner/gui/case_list.py" line="80"/>
        <location filename="../../planner/gui/case_list.py" line="118"/>
        <source>New case</source>
        <extracomment>Row colours: overdue (light red), due within 3 working days (light amber). The text says it too.</extracomment>
        <translation>新建案卷</translation>
    </message>
    <message>
        <location filename="../../planner/gui/case_list.py" line="100"/>
        <source>Register the files open in the window with the case</source>
        <translation>将窗口中已打开的文件登记为本案卷的文件</translation>
    </message>
</context>
<context>
    <name>VersionsPanel</name>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="47"/>
        <source>In force</source>
        <extracomment>Table columns; the three version fields can be edited in place.</extracomment>
        <translation>现行</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="47"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="47"/>
        <source>Approval number</source>
        <translation>批复文号</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="48"/>
        <source>Approval date</source>
        <translation>批复时间</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="48"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="48"/>
        <source>Parcels</source>
        <translation>地块数</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="59"/>
        <source>Use for the check</source>
        <translation>用于审查</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="60"/>
        <source>Compare with the version in force</source>
        <translation>与现行版本比较</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="61"/>
        <source>Stop comparing</source>
        <translation>停止比较</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="62"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="125"/>
        <source>In force: {name}</source>
        <translation>现行版本：{name}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/versions_panel.py" line="127"/>
        <source>compared with: {name}</source>
        <translation>比较版本：{name}</translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <location filename="../../planner/report/exports.py" line="52"/>
        <source>Parcels</source>
        <extracomment>Export headers and sheet names, marked for lupdate in their own context (&quot;Parcel&quot; is 地块编号 in a spreadsheet header but 地块 in a sentence); the Chinese is in resources/translations.</extracomment>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="53"/>
        <source>Findings</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="54"/>
        <source>Buildings</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="55"/>
        <source>Provenance</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="56"/>
        <source>Parcel</source>
        <translation>地块编号</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="57"/>
        <source>Land-use code</source>
        <translation>用地代码</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="58"/>
        <source>Site area (m²)</source>
        <translation>用地面积（m²）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="59"/>
        <source>Counted floor area (m²)</source>
        <translation>计容建筑面积（m²）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="60"/>
        <source>Footprint area (m²)</source>
        <translation>建筑基底面积（m²）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="61"/>
        <source>Green area (m²)</source>
        <translation>绿地面积（m²）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="62"/>
        <source>FAR</source>
        <translation>容积率</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="63"/>
        <source>Building density</source>
        <translation>建筑密度</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="64"/>
        <source>Max height (m)</source>
        <translation>最大建筑高度（m）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="65"/>
        <source>Green ratio</source>
        <translation>绿地率</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="66"/>
        <source>FAR min</source>
        <translation>容积率下限</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="67"/>
        <source>FAR max</source>
        <translation>容积率上限</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="68"/>
        <source>FAR as written</source>
        <translation>容积率（控规原文）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="69"/>
        <source>Density min</source>
        <translation>建筑密度下限</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="70"/>
        <source>Density max</source>
        <translation>建筑密度上限</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="71"/>
        <source>Density as written</source>
        <translation>建筑密度（控规原文）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="72"/>
        <source>Height min (m)</source>
        <translation>建筑高度下限（m）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="73"/>
        <source>Height max (m)</source>
        <translation>建筑高度上限（m）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="74"/>
        <source>Height as written</source>
        <translation>建筑限高（控规原文）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="75"/>
        <source>Green ratio min</source>
        <translation>绿地率下限</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="76"/>
        <source>Green ratio max</source>
        <translation>绿地率上限</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="77"/>
        <source>Green ratio as written</source>
        <translation>绿地率（控规原文）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="78"/>
        <source>Status</source>
        <translation>审查结果</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="79"/>
        <source>FAR from estimated storeys</source>
        <translation>容积率按估算层数计算</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="80"/>
        <location filename="../../planner/report/exports.py" line="118"/>
        <source>Violations</source>
        <translation>不符合项数</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="81"/>
        <source>Rules</source>
        <translation>不符合规则</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="82"/>
        <source>Buildings on the parcel</source>
        <translation>地块内建筑</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="83"/>
        <source>Severity</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="84"/>
        <source>Rule id</source>
        <translation>规则编号</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="85"/>
        <source>Rule</source>
        <translation>审查规则</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="86"/>
        <source>Building</source>
        <translation>建筑编号</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="87"/>
        <source>Actual</source>
        <translation>方案值</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="88"/>
        <source>Limit min</source>
        <translation>控制下限</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="89"/>
        <source>Limit max</source>
        <translation>控制上限</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="90"/>
        <source>Limit</source>
        <translation>控制值</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="91"/>
        <source>Marginal</source>
        <translation>临界</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="92"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="93"/>
        <source>Reviewer note</source>
        <translation>审查备注</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="94"/>
        <source>Accepted</source>
        <translation>已认可</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="95"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="96"/>
        <source>violation</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="97"/>
        <source>warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="98"/>
        <source>Use</source>
        <translation>建筑用途</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="99"/>
        <source>Storeys</source>
        <translation>地上层数</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="100"/>
        <source>Height (m)</source>
        <translation>建筑高度（m）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="101"/>
        <source>Counted area (m²)</source>
        <translation>计容建筑面积（m²）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="102"/>
        <source>Outside the plan (m²)</source>
        <translation>规划范围外面积（m²）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="103"/>
        <source>Parcels it stands on</source>
        <translation>所在地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="104"/>
        <source>Role</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="105"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="106"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="107"/>
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="108"/>
        <source>CRS</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="109"/>
        <source>SHA-256</source>
        <translation>SHA-256 校验值</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="110"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="111"/>
        <source>Plan</source>
        <translation>控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="112"/>
        <source>Scheme buildings</source>
        <translation>方案建筑</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="113"/>
        <source>Green areas</source>
        <translation>方案绿地</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="114"/>
        <source>Working CRS</source>
        <translation>计算坐标系</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="115"/>
        <source>Planner version</source>
        <translation>Planner 版本</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="116"/>
        <source>Parcels checked</source>
        <translation>审查地块数</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="117"/>
        <source>Parcels violating</source>
        <translation>不符合地块数</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="119"/>
        <source>Warnings</source>
        <translation>提示数</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="120"/>
        <source>Reviewer</source>
        <translation>审查人</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="121"/>
        <source>Review opinion</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="122"/>
        <source>plan</source>
        <translation>控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="123"/>
        <source>buildings</source>
        <translation>方案建筑</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="124"/>
        <source>green-area</source>
        <translation>方案绿地</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="125"/>
        <source>it is the {role} input of this check; choose another output file</source>
        <translation>该文件是本次审查的输入数据（{role}），不能覆盖，请另选输出文件</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="657"/>
        <source>Sunlight</source>
        <extracomment>Number formats, by indicator and kind of quantity (Excel codes; they read the same in WPS and LibreOffice). A marginal breach shows two more decimals, so the cell itself says why 2.50 breaches ≤2.50. One number format for the column, or one per row (None: General). Cell value types of a column written as numbers, and as text (bool is not a number here: it has its own cell).</extracomment>
        <translation>日照分析</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="658"/>
        <source>Existing</source>
        <translation>现状建筑</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="659"/>
        <source>Standard</source>
        <translation>日照标准</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="660"/>
        <source>Standard (h)</source>
        <translation>标准日照时数（小时）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="661"/>
        <source>Facing (° from north)</source>
        <translation>朝向（自正北顺时针，度）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="662"/>
        <source>Facade length (m)</source>
        <translation>立面长度（米）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="663"/>
        <source>Held to the standard</source>
        <translation>须满足日照标准</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="664"/>
        <source>Least sun (h)</source>
        <translation>最少日照（小时）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="665"/>
        <source>Length below the standard (m)</source>
        <translation>不满足标准的长度（米）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="666"/>
        <source>Least sun without the scheme (h)</source>
        <translation>无本方案时最少日照（小时）</translation>
    </message>
    <message>
        <location filename="../../planner/report/exports.py" line="667"/>
        <source>Length below without the scheme (m)</source>
        <translation>无本方案时不满足标准的长度（米）</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../planner/cli.py" line="503"/>
        <source>Plan</source>
        <extracomment>Characters a terminal draws two columns wide (CJK, Hangul, full-width forms).</extracomment>
        <translation>控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="503"/>
        <location filename="../../planner/report/document.py" line="293"/>
        <source>Buildings</source>
        <translation>方案建筑</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="504"/>
        <location filename="../../planner/report/document.py" line="296"/>
        <source>Green areas</source>
        <translation>方案绿地</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="505"/>
        <location filename="../../planner/report/document.py" line="351"/>
        <source>Control lines</source>
        <translation>控制线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="153"/>
        <source>(estimated)</source>
        <extracomment>After a FAR that rests on storeys estimated from building heights, wherever the FAR is shown.</extracomment>
        <translation>（估算）</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="507"/>
        <location filename="../../planner/gui/violations.py" line="66"/>
        <location filename="../../planner/report/conditions.py" line="26"/>
        <location filename="../../planner/report/document.py" line="160"/>
        <location filename="../../planner/report/official.py" line="45"/>
        <source>Parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="507"/>
        <location filename="../../planner/report/conditions.py" line="28"/>
        <location filename="../../planner/report/document.py" line="163"/>
        <source>Land use</source>
        <translation>用地性质</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="55"/>
        <location filename="../../planner/messages.py" line="167"/>
        <location filename="../../planner/messages.py" line="174"/>
        <source>FAR</source>
        <extracomment>An indicator as a column heading (tables of the window, the report and the terminal).
----------
An indicator inside a sentence.</extracomment>
        <translation>容积率</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="168"/>
        <source>Density</source>
        <translation>建筑密度</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="60"/>
        <location filename="../../planner/messages.py" line="169"/>
        <source>Height</source>
        <translation>建筑高度</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="65"/>
        <location filename="../../planner/messages.py" line="170"/>
        <source>Green ratio</source>
        <translation>绿地率</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="508"/>
        <source>Status</source>
        <translation>审查结果</translation>
    </message>
    <message>
        <location filename="../../planner/gui/finding_table.py" line="37"/>
        <location filename="../../planner/messages.py" line="133"/>
        <location filename="../../planner/messages.py" line="141"/>
        <source>violation</source>
        <extracomment>A parcel&apos;s verdict (model.PARCEL_STATES): the map, tables, inspector, report and exports use these words.</extracomment>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="132"/>
        <location filename="../../planner/messages.py" line="142"/>
        <source>pass</source>
        <extracomment>How one indicator of one parcel fared (indicator_verdict); the inspector and the report use these words.</extracomment>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="628"/>
        <source>Against the other plan version {old} ({path}):</source>
        <translation>与另一规划版本 {old}（{path}）比较：</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="629"/>
        <source>{appeared} findings appear, {disappeared} disappear and {changed} change under the version in force; {unchanged} are the same.</source>
        <translation>在现行版本下，新出现 {appeared} 项审查结论，消失 {disappeared} 项，变化 {changed} 项；{unchanged} 项相同。</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="631"/>
        <source>The verdicts are the same under both versions ({unchanged} findings).</source>
        <translation>两个版本下的审查结论相同（共 {unchanged} 项）。</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="635"/>
        <source>Appear</source>
        <extracomment>Markers of the comparison lines: + appears under the version in force, - disappears, ~ changes.</extracomment>
        <translation>新出现</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="636"/>
        <source>Disappear</source>
        <translation>消失</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="637"/>
        <location filename="../../planner/report/document.py" line="240"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="506"/>
        <location filename="../../planner/gui/sunlight_layer.py" line="58"/>
        <location filename="../../planner/messages.py" line="719"/>
        <source>Existing buildings</source>
        <translation>现状建筑</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="251"/>
        <location filename="../../planner/cli.py" line="596"/>
        <source>Working CRS</source>
        <translation>计算坐标系</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="547"/>
        <source>{crs}, measured in {working}</source>
        <extracomment>An input measured in another CRS than its own; a plan in degrees or Web Mercator is measured in the zone of its centre (planner.io.crs.working_crs).</extracomment>
        <translation>{crs}，按{working}量算</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="548"/>
        <source>{crs}, measured in {working}, the zone of its centre</source>
        <translation>{crs}，按其中心所在分带{working}量算</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="566"/>
        <source>… {count} more parcels (every parcel is in the JSON: --json, and the report: --pdf).</source>
        <extracomment>The terminal summary lists at most this many parcels (those not passing first) and this many findings and warnings; a line then says how many more there are (every one is in the JSON and the report).</extracomment>
        <translation>……另有 {count} 个地块未列出（全部地块见 JSON 输出（--json）和报告（--pdf））。</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="568"/>
        <source>… {count} more (every one is in the JSON: --json, and the report: --pdf).</source>
        <translation>……另有 {count} 条未列出（全部见 JSON 输出（--json）和报告（--pdf））。</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="606"/>
        <location filename="../../planner/gui/violations.py" line="88"/>
        <source>Violations</source>
        <translation>不符合项</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="268"/>
        <location filename="../../planner/cli.py" line="613"/>
        <location filename="../../planner/gui/violations.py" line="89"/>
        <location filename="../../planner/report/document.py" line="106"/>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="619"/>
        <source>{violations} violations on {parcels_violating} of {parcels_checked} parcels; {warnings} warnings.</source>
        <translation>共审查地块{parcels_checked}宗，其中{parcels_violating}宗存在不符合项，合计{violations}项；提示{warnings}条。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="35"/>
        <source>FAR above maximum</source>
        <translation>容积率超过上限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="36"/>
        <source>FAR below minimum</source>
        <translation>容积率低于下限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="37"/>
        <source>Building density above maximum</source>
        <translation>建筑密度超过上限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="38"/>
        <source>Building density below minimum</source>
        <translation>建筑密度低于下限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="39"/>
        <source>Height above limit</source>
        <translation>建筑高度超过限高</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="40"/>
        <source>Height below minimum</source>
        <translation>建筑高度低于下限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="41"/>
        <source>Green ratio below minimum</source>
        <translation>绿地率低于下限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="42"/>
        <source>Green ratio above maximum</source>
        <translation>绿地率超过上限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="43"/>
        <source>Use not allowed by land use</source>
        <translation>建筑用途不符合用地性质</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="44"/>
        <source>Building crosses a parcel boundary</source>
        <translation>建筑跨越地块边界</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="45"/>
        <source>Building outside the plan</source>
        <translation>建筑超出规划地块范围</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="46"/>
        <source>Building crosses the road red line</source>
        <translation>建筑越过道路红线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="47"/>
        <source>Building beyond the road red line</source>
        <translation>建筑位于道路红线以外</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="48"/>
        <source>Setback from the road red line too small</source>
        <translation>后退道路红线距离不足</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="49"/>
        <source>Building on green line land</source>
        <translation>建筑占用绿线范围</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="50"/>
        <source>Building on blue line land</source>
        <translation>建筑占用蓝线范围</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="51"/>
        <source>Building on purple line land</source>
        <translation>建筑占用紫线范围</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="52"/>
        <source>Building on yellow line land</source>
        <translation>建筑占用黄线范围</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="53"/>
        <source>Building in the ecological protection red line</source>
        <translation>建筑位于生态保护红线内</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="54"/>
        <source>Building on permanent basic farmland</source>
        <translation>建筑占用永久基本农田</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="55"/>
        <source>Building outside the building control line</source>
        <translation>建筑超出建筑控制线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="60"/>
        <source>Missing id</source>
        <extracomment>Short titles of warning codes (a table column, a filter); one per code of WARNING_TEMPLATES.</extracomment>
        <translation>缺少编号</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="61"/>
        <source>Geometry repaired</source>
        <translation>几何图形已修复</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="62"/>
        <source>Geometry not repairable</source>
        <translation>几何图形无法修复</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="63"/>
        <source>No geometry</source>
        <translation>缺少几何图形</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="64"/>
        <source>Not a polygon</source>
        <translation>非面状要素</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="65"/>
        <source>Duplicate parcel id</source>
        <translation>地块编号重复</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="66"/>
        <source>Parcels overlap</source>
        <translation>地块相互重叠</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="67"/>
        <source>No land-use field</source>
        <translation>缺少用地性质字段</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="68"/>
        <source>No limit field</source>
        <translation>缺少控制指标字段</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="69"/>
        <source>Unreadable limit</source>
        <translation>控制指标无法识别</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="70"/>
        <source>Percentages assumed</source>
        <translation>按百分数读取</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="71"/>
        <source>Zero limit ignored</source>
        <translation>零值按不控制处理</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="72"/>
        <source>Contradictory limits</source>
        <translation>控制指标相互矛盾</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="73"/>
        <source>No building-id field</source>
        <translation>缺少建筑编号字段</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="74"/>
        <source>Unreadable value</source>
        <translation>数值无法识别</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="75"/>
        <source>No floor area</source>
        <translation>无法计算计容面积</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="76"/>
        <source>No height</source>
        <translation>缺少建筑高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="77"/>
        <source>No green layer</source>
        <translation>未载入绿地图层</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="78"/>
        <source>Impossible value</source>
        <translation>不可能的数值</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="79"/>
        <source>Duplicate building id</source>
        <translation>建筑编号重复</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="80"/>
        <source>No building-use field</source>
        <translation>缺少建筑用途字段</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="81"/>
        <source>No building use</source>
        <translation>缺少建筑用途</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="82"/>
        <source>Unreadable green factor</source>
        <translation>绿地折算系数无法识别</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="83"/>
        <source>Open lines in CAD</source>
        <translation>CAD 中未闭合的线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="84"/>
        <source>No id text</source>
        <translation>无编号文字</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="85"/>
        <source>Text in no outline</source>
        <translation>文字不在任何轮廓内</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="86"/>
        <source>Text not understood</source>
        <translation>文字无法识别</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="87"/>
        <source>Unreadable storeys text</source>
        <translation>层数文字无法读取</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="88"/>
        <source>Texts disagree</source>
        <translation>文字相互矛盾</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="89"/>
        <source>Land-use text and CAD layer disagree</source>
        <translation>用地文字与 CAD 图层不一致</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="90"/>
        <source>Drawing units converted to metres</source>
        <translation>图纸单位已换算为米</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="91"/>
        <source>Drawing units not believed</source>
        <translation>图纸单位声明不可信</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="92"/>
        <source>Drawing units not used</source>
        <translation>图纸单位未采用</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="93"/>
        <source>Coordinate system assumed</source>
        <translation>坐标系为推定</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="94"/>
        <source>No coordinate system</source>
        <translation>未定义坐标系</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="95"/>
        <source>Reprojected</source>
        <translation>已进行坐标转换</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="96"/>
        <source>Scheme outside the plan</source>
        <translation>方案与控规地块无重叠</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="97"/>
        <source>Unknown building use</source>
        <translation>建筑用途无法识别</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="98"/>
        <source>Unknown land-use code</source>
        <translation>用地代码无法识别</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="99"/>
        <source>No land-use code</source>
        <translation>缺少用地代码</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="100"/>
        <source>Allowed only as ancillary</source>
        <translation>仅允许作为附属配套</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="101"/>
        <source>Land use too broad to judge</source>
        <translation>用地性质无法判定</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="102"/>
        <source>GBJ 137-90 land-use code</source>
        <translation>GBJ 137-90旧用地代码</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="103"/>
        <source>Land-use code differs by edition</source>
        <translation>用地代码含义因版本而异</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="104"/>
        <source>Land-use edition told by the codes</source>
        <translation>据代码判定用地分类版本</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="105"/>
        <source>Land-use editions mixed</source>
        <translation>用地分类版本混用</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="106"/>
        <source>Land-use codes of another edition</source>
        <translation>用地代码与所述版本不符</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="107"/>
        <source>Unreadable setback</source>
        <translation>退线距离无法识别</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="108"/>
        <source>Plan conflict: construction on protected land</source>
        <translation>规划冲突：建设用地位于保护区域</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="109"/>
        <source>Control line of unknown kind</source>
        <translation>控制线类型不明</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="110"/>
        <source>Control-line layer not used</source>
        <translation>控制线图层未使用</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="111"/>
        <source>Neither a line nor an area</source>
        <translation>既非线也非面</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="112"/>
        <source>Unreadable line setback</source>
        <translation>红线退让距离无法识别</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="113"/>
        <source>Setback not known</source>
        <translation>退让距离未知</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="114"/>
        <source>Setback depends on unknown height</source>
        <translation>退让距离取决于未知高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="115"/>
        <source>Parcel id used twice</source>
        <translation>地块编号重复</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="116"/>
        <source>Coordinates not numbers</source>
        <translation>坐标不是数值</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="117"/>
        <source>Impossible coordinates</source>
        <translation>坐标不可能存在</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="118"/>
        <source>Coordinates outside the coordinate system</source>
        <translation>坐标超出坐标系范围</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="119"/>
        <source>Vertex far from the layer</source>
        <translation>节点远离本图层</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="120"/>
        <source>Ring not closed</source>
        <translation>环未闭合</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="121"/>
        <source>Geometry unreadable</source>
        <translation>几何图形无法读取</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="122"/>
        <source>Warning while reading</source>
        <translation>读取时的警告</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="123"/>
        <source>Line without length</source>
        <translation>线长度为零</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="124"/>
        <source>Indicator-like fields not used</source>
        <translation>疑似指标字段未读取</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="125"/>
        <source>Land use read from names</source>
        <translation>按用地名称读取用地性质</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="126"/>
        <source>Absolute elevation limit not checked</source>
        <translation>绝对高度限制未审查</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="127"/>
        <source>Storeys estimated from height</source>
        <translation>层数按高度估算</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="134"/>
        <source>marginal violation</source>
        <translation>临界不符合</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="135"/>
        <location filename="../../planner/messages.py" line="144"/>
        <source>not assessed</source>
        <translation>未审查</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="136"/>
        <location filename="../../planner/report/conditions.py" line="37"/>
        <source>not controlled</source>
        <translation>不控制</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="143"/>
        <source>partly checked</source>
        <translation>部分指标未审查</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="147"/>
        <source>Not checked: {items}. These parcels are not counted as compliant: see the warnings for why.</source>
        <extracomment>What was not checked, said wherever the overall verdict is said (model.CheckResult.unchecked_counts).</extracomment>
        <translation>未审查：{items}。这些地块不计为合规，原因见提示信息。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="149"/>
        <source>{item} on {count} parcels</source>
        <translation>{count}宗地块的{item}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="175"/>
        <source>building density</source>
        <translation>建筑密度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="176"/>
        <source>height</source>
        <translation>建筑高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="177"/>
        <source>green ratio</source>
        <translation>绿地率</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="181"/>
        <source>Parcel {parcel}: FAR {actual} exceeds the maximum {bound}.</source>
        <translation>地块{parcel}：容积率{actual}，超过上限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="182"/>
        <source>Parcel {parcel}: FAR {actual} is below the minimum {bound}.</source>
        <translation>地块{parcel}：容积率{actual}，低于下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="183"/>
        <source>Parcel {parcel}: building density {actual} exceeds the maximum {bound}.</source>
        <translation>地块{parcel}：建筑密度{actual}，超过上限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="185"/>
        <source>Parcel {parcel}: building density {actual} is below the minimum {bound}.</source>
        <translation>地块{parcel}：建筑密度{actual}，低于下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="187"/>
        <source>Parcel {parcel}: the tallest building is {actual}, above the limit {bound}.</source>
        <translation>地块{parcel}：最高建筑高度{actual}，超过限高{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="189"/>
        <source>Parcel {parcel}: the tallest building is {actual}, below the minimum {bound}.</source>
        <translation>地块{parcel}：最高建筑高度{actual}，低于高度下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="191"/>
        <source>Parcel {parcel}: green ratio {actual} is below the minimum {bound}.</source>
        <translation>地块{parcel}：绿地率{actual}，低于下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="192"/>
        <source>Parcel {parcel}: green ratio {actual} exceeds the maximum {bound}.</source>
        <translation>地块{parcel}：绿地率{actual}，超过上限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="193"/>
        <source>Building {building} ({use}) stands on parcel {parcel}, whose land use {code} does not allow it.</source>
        <translation>建筑{building}（{use}）位于地块{parcel}，该地块用地性质为{code}，不允许建设该类建筑。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="196"/>
        <source>Building {building} stands in {count} parcels: {parcels}.</source>
        <translation>建筑{building}跨越{count}宗地块：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="197"/>
        <source>Building {building}: {area} of its {footprint} footprint lies on no parcel of the plan.</source>
        <translation>建筑{building}：基底面积{footprint}，其中{area}未落在本规划任何地块内。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="200"/>
        <source>Building {building} crosses the road red line {lines} ({length} of the line lies inside it).</source>
        <translation>建筑{building}越过道路红线{lines}（红线有{length}位于建筑内）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="202"/>
        <source>Building {building} stands beyond the road red line {lines}, {distance} from it, on the road&apos;s side.</source>
        <translation>建筑{building}位于道路红线{lines}以外的道路一侧，距红线{distance}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="204"/>
        <source>Building {building} stands {distance} from the road red line {line}; {required} is required ({source}).</source>
        <translation>建筑{building}距道路红线{line}为{distance}，应不小于{required}（{source}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="206"/>
        <source>Building {building}: {area} of its footprint lies within the {kind} {lines}.</source>
        <translation>建筑{building}：基底有{area}位于{kind}{lines}范围内。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="210"/>
        <source>Building {building}: {area} of its footprint lies outside the building control line {lines}.</source>
        <translation>建筑{building}：基底有{area}超出建筑控制线{lines}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="214"/>
        <source>Building {building} crosses the {kind} {lines}.</source>
        <extracomment>A building crossing an open line of a zone&apos;s kind, or an open building control line (no area to measure).</extracomment>
        <translation>建筑{building}跨越{kind}{lines}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="216"/>
        <source>the setback of parcel {parcel}</source>
        <translation>地块{parcel}规定的退线距离</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="217"/>
        <source>the setback stated on the line</source>
        <translation>该红线标注的退让距离</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="218"/>
        <source>setback table: {road_class}, {height_class}</source>
        <translation>退线距离表：{road_class}，{height_class}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="222"/>
        <source>road red line</source>
        <extracomment>Kinds of control line (planner.io.controls.KINDS).</extracomment>
        <translation>道路红线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="223"/>
        <source>green line</source>
        <translation>绿线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="224"/>
        <source>blue line</source>
        <translation>蓝线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="225"/>
        <source>purple line</source>
        <translation>紫线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="226"/>
        <source>yellow line</source>
        <translation>黄线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="227"/>
        <source>ecological protection red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="228"/>
        <source>permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="229"/>
        <source>building control line</source>
        <translation>建筑控制线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="232"/>
        <source>low or multi-storey building</source>
        <translation>低层、多层建筑</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="233"/>
        <source>high-rise building</source>
        <translation>高层建筑</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="253"/>
        <source>{path} layer {layer}: feature {fid} has no {field}; it is called #{fid}.</source>
        <extracomment>Display precision in words (planner.checking.rules.PRECISION).</extracomment>
        <translation>{path}图层“{layer}”：要素{fid}的“{field}”为空，暂以#{fid}标识。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="255"/>
        <source>{path} layer {layer}: feature {fid} {who}had an invalid polygon ({reason}); it was repaired and checked.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}的多边形无效（{reason}），已自动修复并纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="257"/>
        <source>{path} layer {layer}: feature {fid} {who}has an invalid polygon ({reason}) that could not be repaired; it is not checked.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}的多边形无效（{reason}）且无法修复，未纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="260"/>
        <source>{path} layer {layer}: feature {fid} {who}has no geometry; it is not checked.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}无几何图形，未纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="262"/>
        <source>{path} layer {layer}: feature {fid} {who}is a {geometry_type}, not a polygon; it is not checked.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}为{geometry_type}，不是面要素，未纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="264"/>
        <source>{path} layer {layer}: parcel id {parcel} is used by {count} parcels; each is checked on its own.</source>
        <translation>{path}图层“{layer}”：地块编号{parcel}由{count}宗地块重复使用，已逐宗分别审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="266"/>
        <source>Building {building} stands where parcels {parcels} of the plan overlap: {area} m² of it counts on more than one parcel.</source>
        <translation>建筑{building}位于控规地块{parcels}的重叠处：其中{area} m²被重复计入多宗地块。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="269"/>
        <source>{path} layer {layer}: no land-use field was found; land use is not checked.</source>
        <translation>{path}图层“{layer}”：未找到用地性质字段，不审查用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="271"/>
        <source>{path} layer {layer}: no {indicator} field was found (looked for {wanted}); {indicator} is not checked on any parcel. If the layer holds it under another name, name that field in the field mapping.</source>
        <translation>{path}图层“{layer}”：未找到{indicator}字段（查找了{wanted}），所有地块均不审查{indicator}。如该图层以其他名称保存此项，请在字段映射中指定该字段。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="275"/>
        <source>Parcel {parcel}: field {field} reads &quot;{text}&quot;, which cannot be read as a limit ({reason}); {indicator} is not assessed on this parcel.</source>
        <translation>地块{parcel}：字段“{field}”的值为“{text}”，无法识别为控制指标（{reason}），该地块不审查{indicator}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="278"/>
        <source>{path} layer {layer}: {count} values of field {field} have no % sign and were read as percentages (e.g. 35 = 35%): {parcels}.</source>
        <translation>{path}图层“{layer}”：字段“{field}”中有{count}个值未带%号，已按百分数读取（如35即35%）：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="281"/>
        <source>{path} layer {layer}: {count} values of field {field} are a bare 0, read as not controlled: {parcels}.</source>
        <translation>{path}图层“{layer}”：字段“{field}”中有{count}个值为0，按不控制处理：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="283"/>
        <source>Parcel {parcel}: the {indicator} limits &quot;{text}&quot; contradict each other; {indicator} is not assessed.</source>
        <translation>地块{parcel}：{indicator}控制值“{text}”上下限相互矛盾，不审查{indicator}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="285"/>
        <source>{path} layer {layer}: no building-id field; buildings are called by feature number.</source>
        <translation>{path}图层“{layer}”：未找到建筑编号字段，建筑以要素序号标识。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="287"/>
        <source>Building {building}: field {field} reads &quot;{text}&quot;, which is not a number; it is not used.</source>
        <translation>建筑{building}：字段“{field}”的值为“{text}”，不是数值，未予采用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="289"/>
        <source>Building {building} has neither storeys nor a counted floor area; FAR is not checked on the parcels it stands on.</source>
        <translation>建筑{building}既无层数也无计容面积，其所在地块的容积率未审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="291"/>
        <source>Building {building} has neither a height nor storey heights; height is not checked on the parcels it stands on.</source>
        <translation>建筑{building}既无建筑高度也无层高，其所在地块的建筑高度未审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="293"/>
        <source>No green layer was given: the green ratio is not checked on the {count} parcels that limit it. Load the scheme&apos;s green areas to check it.</source>
        <translation>未载入绿地图层：有绿地率控制要求的{count}宗地块未审查绿地率。请载入方案绿地后再审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="296"/>
        <source>{path} layer {layer}: feature {fid} (building {building}) has {field} = {text}, which no building can have; it is taken as unknown. Correct the value in the scheme file.</source>
        <translation>{path}图层“{layer}”：要素{fid}（建筑{building}）的“{field}”为{text}，建筑不可能取此值，按未知处理。请在方案文件中更正该值。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="299"/>
        <source>{path} layer {layer}: building id {building} is used by {count} buildings; findings naming it may mean any of them. Give each building its own id.</source>
        <translation>{path}图层“{layer}”：建筑编号{building}由{count}栋建筑重复使用，提及该编号的审查意见可能指其中任一栋。请为每栋建筑分别编号。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="302"/>
        <source>{path} layer {layer}: feature {fid} (building {building}) has no use ({field} is empty); land use is not checked on the parcels it stands on. Give it a use in the scheme file (in a drawing: a use text such as 住宅 inside its outline).</source>
        <translation>{path}图层“{layer}”：要素{fid}（建筑{building}）没有建筑用途（字段“{field}”为空），其所在地块不审查用地性质。请在方案文件中填写其用途（CAD图纸中：在其轮廓内注写“住宅”等用途文字）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="306"/>
        <source>{path} layer {layer}: no building-use field; land use is not checked.</source>
        <translation>{path}图层“{layer}”：未找到建筑用途字段，不审查用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="308"/>
        <source>{path} layer {layer}: green area {green} has factor &quot;{text}&quot; in field {field}, not a number from 0 to 1; it counts 0.</source>
        <translation>{path}图层“{layer}”：绿地{green}的字段“{field}”中折算系数为“{text}”，不是0至1之间的数值，按0计。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="311"/>
        <source>{path} CAD layer {cad_layer}: {count} lines do not close, so they are not read as outlines (handles {handles}).</source>
        <translation>{path} CAD 图层 {cad_layer}：{count} 条线未闭合，不作为轮廓读取（句柄 {handles}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="313"/>
        <source>{path} CAD layer {cad_layer}: the outline with handle {outline} holds no id text; it is called {name}.</source>
        <translation>{path} CAD 图层 {cad_layer}：句柄为 {outline} 的轮廓内没有编号文字，以 {name} 称之。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="315"/>
        <source>{path} CAD layer {cad_layer}: text &quot;{text}&quot; (handle {handle}) lies in no outline of the layers read; it is not used.</source>
        <translation>{path} CAD 图层 {cad_layer}：文字“{text}”（句柄 {handle}）不在所读图层的任何轮廓内，未使用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="318"/>
        <source>{path} CAD layer {cad_layer}: text &quot;{text}&quot; (handle {handle}) in {name} is not understood; it is not used.</source>
        <translation>{path} CAD 图层 {cad_layer}：{name} 内的文字“{text}”（句柄 {handle}）无法识别，未使用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="320"/>
        <source>{path} CAD layer {cad_layer}: text &quot;{text}&quot; (handle {handle}) in {name} looks like storeys but cannot be read (write 18F, 18层, 18/-2 or -2F); it is not used.</source>
        <translation>{path} CAD 图层 {cad_layer}：{name} 内的文字“{text}”（句柄 {handle}）像是层数但无法读取（应写作 18F、18层、18/-2 或 -2F），未使用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="323"/>
        <source>{path} CAD layer {cad_layer}: the texts in {name} (handle {outline}) disagree: {texts}; none of them is used.</source>
        <translation>{path} CAD 图层 {cad_layer}：{name}（句柄 {outline}）内的文字相互矛盾：{texts}；均未使用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="325"/>
        <source>{path}: parcel {parcel} has land-use text &quot;{text}&quot; but its CAD layer {cad_layer} says &quot;{code}&quot;; the text is used.</source>
        <translation>{path}：地块 {parcel} 的用地文字为“{text}”，但其 CAD 图层 {cad_layer} 表示“{code}”；采用文字。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="328"/>
        <source>{path} (CAD layers {layer}): the drawing is in {unit} ($INSUNITS {units}); its coordinates are divided by {divisor} to measure in metres.</source>
        <translation>{path}（CAD图层{layer}）：图纸单位为{unit}（$INSUNITS {units}），坐标已除以{divisor}，换算为米后量算。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="331"/>
        <source>{path} (CAD layers {layer}): the drawing&apos;s header says it is in {unit} ($INSUNITS {units}), but read so its outlines would typically be {size} across; they are sized in metres, so the drawing is read in metres.</source>
        <translation>{path}（CAD图层{layer}）：图纸文件头声明单位为{unit}（$INSUNITS {units}），但按此单位读取，轮廓的典型尺寸仅为{size}；轮廓尺寸符合以米为单位绘制，故按米读取。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="335"/>
        <source>{path} (CAD layers {layer}): the drawing&apos;s header says it is in {unit} ($INSUNITS {units}), a unit plans are not drawn in (AutoCAD&apos;s imperial template sets inches); it is read in metres. If it really is in {unit}, scale it to metres in CAD.</source>
        <translation>{path}（CAD图层{layer}）：图纸文件头声明单位为{unit}（$INSUNITS {units}），规划图纸不使用该单位（AutoCAD英制样板默认设为英寸），现按米读取。如图纸确以{unit}绘制，请在CAD中缩放为米。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="340"/>
        <source>{path} has no coordinate system; its coordinates look metric and are taken to be in {crs}.</source>
        <translation>{path}未定义坐标系；根据坐标值判断为米制坐标，按{crs}处理。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="342"/>
        <source>{path} has no coordinate system; its coordinates fit {fits}. They are measured as they are, as planar metres: give the file its coordinate system to be sure of its areas and distances.</source>
        <translation>{path}未定义坐标系；其坐标值与以下坐标系相符：{fits}。现按原值作为平面米制坐标量算；请为该文件定义坐标系，以确保面积和距离准确。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="346"/>
        <source>{path} was reprojected from {from} to {to} for measuring.</source>
        <translation>{path}已由{from}投影转换至{to}后进行量算。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="347"/>
        <source>No building of {path} touches any parcel: is the coordinate system right?</source>
        <translation>{path}中没有任何建筑与规划地块相交，请核实坐标系是否正确。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="349"/>
        <source>Building {building}: use &quot;{text}&quot; is not in the land-use table; its land use is not checked.</source>
        <translation>建筑{building}：用途“{text}”不在用地分类对照表中，不审查其用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="351"/>
        <source>Parcel {parcel}: land-use code &quot;{text}&quot; is not in the land-use table; land use is not checked there.</source>
        <translation>地块{parcel}：用地代码“{text}”不在用地分类对照表中，该地块不审查用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="353"/>
        <source>Parcel {parcel} has no land-use code; land use is not checked there.</source>
        <translation>地块{parcel}缺少用地代码，该地块不审查用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="355"/>
        <source>Building {building} ({use}) stands on parcel {parcel}, whose land use {name} allows {kind} buildings only as ancillary to its main use: check that this one serves it.</source>
        <translation>建筑{building}（{use}）位于地块{parcel}，该地块用地性质{name}仅允许{kind}建筑作为主要用途的附属配套设施：请核实该建筑是否为主要用途服务。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="358"/>
        <source>Parcel {parcel}: land use {text} ({name}) does not say which buildings may stand there (a broad class, special-purpose land or a sea use); land use is not checked there. Check it by hand or give the parcel a finer code.</source>
        <translation>地块{parcel}：用地性质{text}（{name}）未明确可建何种建筑（属大类、特殊用地或用海），该地块未核查用地性质。请人工核查，或为地块细化用地代码。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="362"/>
        <source>Parcel {parcel}: land-use code {text} is read as a GBJ 137-90 code, whose classes differ from GB 50137-2011&apos;s; land use is not checked there. Convert the code to GB 50137-2011 or the 2023 用地用海 classification, or check it by hand.</source>
        <translation>地块{parcel}：用地代码{text}按GBJ 137-90解读，其类别含义与GB 50137-2011不同，该地块未核查用地性质。请将代码转换为GB 50137-2011或2023年版用地用海分类代码，或人工核查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="367"/>
        <source>Parcel {parcel}: land-use code {text} allows other buildings in {edition} than in {other_edition}, and the plan does not say which it follows; land use is not checked there. Give the plan&apos;s edition (--land-use-edition).</source>
        <translation>地块{parcel}：用地代码{text}按{edition}与按{other_edition}解读时允许建设的建筑不同，且规划未说明所用版本，该地块未核查用地性质。请指明规划所用版本（--land-use-edition）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="372"/>
        <source>{path}: land-use codes {codes} exist only in {edition}, so the plan&apos;s codes of that kind are read by that edition. If the plan follows another, give its edition (--land-use-edition).</source>
        <translation>{path}：用地代码{codes}仅见于{edition}，规划中此类代码均按该版本解读。如规划采用其他版本，请指明所用版本（--land-use-edition）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="376"/>
        <source>{path}: the land-use codes mix two editions: {codes} exist only in {edition}, {other_codes} only in {other_edition}. Each is read by the edition that has it, and a code the two read differently is judged only where both readings agree. Give the plan&apos;s edition (--land-use-edition) or correct the codes.</source>
        <translation>{path}：用地代码混用两个版本：{codes}仅见于{edition}，{other_codes}仅见于{other_edition}。各代码按其所属版本解读，两版含义不同的代码仅在两种解读结论一致时判定。请指明规划所用版本（--land-use-edition）或更正代码。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="382"/>
        <source>{path}: the plan is said to follow {edition}, but land-use codes {codes} exist only in {other_edition}; they are read by that edition. Correct the codes or the edition given.</source>
        <translation>{path}：所指明的规划版本为{edition}，但用地代码{codes}仅见于{other_edition}，已按该版本解读。请更正代码或所指明的版本。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="386"/>
        <source>Parcel {parcel}: field {field} reads &quot;{text}&quot;, which is not a distance; setbacks there come from the line or the setback table.</source>
        <translation>地块{parcel}：字段“{field}”的值为“{text}”，不是距离；该地块的退线距离按红线标注或退线距离表确定。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="389"/>
        <source>Parcel {parcel} ({code}) is construction land, but {area} of it lies within the {kind} {lines}: the plans conflict.</source>
        <translation>地块{parcel}（{code}）为建设用地，但有{area}位于{kind}{lines}内：规划之间存在冲突。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="391"/>
        <source>{path} layer {layer}: neither field {field} nor the layer name tells what kind of control line {count} features are ({texts}); they are not used: {lines}.</source>
        <translation>{path}图层“{layer}”：字段“{field}”和图层名均无法判断{count}个要素属于哪类控制线（{texts}），这些要素未使用：{lines}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="394"/>
        <source>{path} layer {layer}: neither its name nor a field says which control line it holds; it is not used.</source>
        <translation>{path}图层“{layer}”：图层名和字段均未说明其为何种控制线，该图层未使用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="396"/>
        <source>{path} layer {layer}: feature {fid} is a {geometry_type}, neither a line nor an area; it is not used.</source>
        <translation>{path}图层“{layer}”：要素{fid}为{geometry_type}，既非线也非面，未使用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="399"/>
        <source>{path} layer {layer}: line {line} has &quot;{text}&quot; in field {field}, which is not a distance; it is not used.</source>
        <translation>{path}图层“{layer}”：控制线{line}的字段“{field}”值为“{text}”，不是距离，未使用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="401"/>
        <source>{path} layer {layer}: {count} road red lines state neither a setback nor a road class of the setback table (field {field}: {texts}); setbacks from them are checked only on parcels that state one: {lines}.</source>
        <translation>{path}图层“{layer}”：{count}条道路红线既无退让距离，也无退线距离表中的道路等级（字段“{field}”：{texts}）；仅在地块规定了退线距离处审查后退这些红线的距离：{lines}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="405"/>
        <source>Building {building} stands {distance} from the road red line {line}: enough for a low or multi-storey building ({low}), not for a high-rise one ({high}). Its height is not known, so the setback is not judged.</source>
        <translation>建筑{building}距道路红线{line}为{distance}：低层、多层建筑满足要求（{low}），高层建筑不满足（{high}）。其高度未知，故不判定退线。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="409"/>
        <source>{path} layer {layer}: parcel id {parcel} is used by {count} parcels; they are matched to the other version by their geometry.</source>
        <translation>{path} 图层 {layer}：地块编号 {parcel} 被 {count} 个地块使用；按图形与另一版本对应。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="412"/>
        <source>{path} layer {layer}: feature {fid} {who}has a vertex whose coordinates are not numbers {vertex}; it is left out. Correct the vertex and check again.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}有一个节点的坐标不是数值{vertex}，未纳入审查。请改正该节点后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="415"/>
        <source>{path} layer {layer}: feature {fid} {who}has a vertex at {vertex}, too far out to be anywhere on Earth; it is left out. Correct the vertex and check again.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}有一个节点位于{vertex}，远得不可能在地球上，未纳入审查。请改正该节点后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="418"/>
        <source>{path} layer {layer}: feature {fid} {who}has a vertex at {vertex}, far outside the area its coordinate system {crs} covers; it is left out. Correct the vertex, or the layer&apos;s coordinate system, and check again.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}有一个节点位于{vertex}，远在其坐标系{crs}的适用范围之外，未纳入审查。请改正该节点或图层的坐标系后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="423"/>
        <source>{path} layer {layer}: feature {fid} {who}has a vertex at {vertex}, far away from all the other features of the layer; it is left out. Correct the vertex and check again.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}有一个节点位于{vertex}，远离本图层的其他所有要素，未纳入审查。请改正该节点后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="427"/>
        <source>{path} layer {layer}: feature {fid} {who}has a polygon ring that is not closed (its last point is not its first); it was closed with a straight line and checked. Check its outline.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}的多边形环未闭合（终点不是起点），已用直线闭合后纳入审查。请核对其轮廓。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="430"/>
        <source>{path} layer {layer}: feature {fid} {who}has a geometry that cannot be read ({reason}); it is left out.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}的几何图形无法读取（{reason}），未纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="432"/>
        <source>{path} layer {layer}: feature {fid} {who}is a line whose points all coincide, so it has no length; it is left out.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}是一条各点重合、长度为零的线，未纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="434"/>
        <source>{path} layer {layer}: reading the file gave a warning: {message}</source>
        <translation>{path}图层“{layer}”：读取文件时出现警告：{message}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="436"/>
        <source>{path} layer {layer}: fields {fields} look like indicators but were not read. If one of them holds a limit, name it in a mapping (--mapping) or in the field-mapping dialog, and check again.</source>
        <translation>{path}图层“{layer}”：字段{fields}看似控制指标，但未被读取。如其中有控制指标，请在字段映射文件（--mapping）或字段对应对话框中指定，然后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="440"/>
        <source>{path} layer {layer}: field {field} gives land use by name, not by code; {count} names were looked up in the land-use table and checked as these codes: {names}.</source>
        <translation>{path}图层“{layer}”：字段“{field}”填写的是用地名称而非用地代码；已在用地兼容表中查得{count}个名称，按以下代码审查：{names}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="443"/>
        <source>{path} layer {layer}: field {field} holds absolute elevation limits (绝对高度) on {count} parcels ({parcels}). An elevation above the datum cannot be compared with building heights, so Planner does not check it: compare the buildings&apos; top elevations with it by hand. On {only} of these parcels ({only_parcels}) it is the only height limit, so height is not checked there.</source>
        <translation>{path}图层“{layer}”：字段“{field}”在{count}宗地块上给出绝对高度（高程）限制（{parcels}）。高程无法与建筑高度直接比较，本软件不审查该项，请人工核对建筑顶部高程。其中{only}宗地块（{only_parcels}）仅有绝对高度限制，建筑高度未审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="451"/>
        <source>{path} layer {layer}: building {building} (feature {fid}) states neither storeys nor a counted floor area; {storeys} storeys were estimated from its height {height} m at {storey_height} m a storey ({basis}). The FAR of the parcels it stands on is an estimate: ask for its storeys or counted floor area.</source>
        <translation>{path}图层“{layer}”：建筑{building}（要素{fid}）既无层数也无计容面积，按其高度{height}米、层高{storey_height}米（{basis}）估算为{storeys}层。其所在地块的容积率为估算值，请向申请人索取层数或计容面积。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="459"/>
        <source>{path} layer {layer}: field {field} holds absolute elevation limits (绝对高度) on {count} parcels ({parcels}). An elevation above the datum cannot be compared with building heights, so Planner does not check it: compare the buildings&apos; top elevations with it by hand. These parcels also have a height limit, which is checked.</source>
        <extracomment>absolute_height_not_checked where every parcel with an absolute limit also has a height limit.</extracomment>
        <translation>{path}图层“{layer}”：字段“{field}”在{count}宗地块上给出绝对高度（高程）限制（{parcels}）。高程无法与建筑高度直接比较，本软件不审查该项，请人工核对建筑顶部高程。这些地块另有建筑限高，已予审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="467"/>
        <source>the storey height in field {field}</source>
        <extracomment>Where the storey height of a storeys_estimated warning comes from.</extracomment>
        <translation>字段“{field}”中的层高</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="468"/>
        <source>assumed for {use} in storey_heights.toml</source>
        <translation>storey_heights.toml中{use}的假定层高</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="469"/>
        <source>assumed for any use in storey_heights.toml</source>
        <translation>storey_heights.toml中的默认层高</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="474"/>
        <source>GBJ 137-90 (the classification before 2011)</source>
        <extracomment>Editions of the land-use classification (planner.io.landuse.EDITIONS), inside a sentence.</extracomment>
        <translation>GBJ 137-90（2011年以前的用地分类）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="475"/>
        <source>GB 50137-2011</source>
        <translation>GB 50137-2011《城市用地分类与规划建设用地标准》</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="476"/>
        <source>the 2020 trial 用地用海 classification</source>
        <translation>《国土空间调查、规划、用途管制用地用海分类指南（试行）》（2020年）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="477"/>
        <source>the 2023 用地用海 classification</source>
        <translation>《国土空间调查、规划、用途管制用地用海分类指南》（2023年）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="481"/>
        <source>and {count} more</source>
        <extracomment>Codes a land-use edition warning lists at most; more are counted.</extracomment>
        <translation>等，另有{count}个</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="484"/>
        <source>{path}: no such file.</source>
        <translation>{path}：文件不存在。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="485"/>
        <source>{path}: cannot be read as a case file ({error}).</source>
        <translation>{path}：无法作为案卷文件读取（{error}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="486"/>
        <source>{path}: &quot;{key}&quot; is not a case detail. A case has: {keys}.</source>
        <translation>{path}：“{key}”不是案卷信息项。案卷信息项有：{keys}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="487"/>
        <source>{path}: the case has no number (受理号). Give it as number = &quot;...&quot;.</source>
        <translation>{path}：案卷没有受理号，请以 number = &quot;...&quot; 填写。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="489"/>
        <source>{path}: {key} = &quot;{value}&quot; cannot be read; expected {expected}.</source>
        <translation>{path}：{key} = “{value}”无法读取，应为 {expected}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="490"/>
        <source>{path}: the office&apos;s holiday table cannot be read ({error}).</source>
        <translation>{path}：本机关的节假日表无法读取（{error}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="492"/>
        <source>{path}: cannot be read as a GIS layer ({error}).</source>
        <translation>{path}：无法作为GIS图层读取（{error}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="493"/>
        <source>{path}: has no layer &quot;{layer}&quot;; its layers are: {layers}.</source>
        <translation>{path}：不存在图层“{layer}”；现有图层为：{layers}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="494"/>
        <source>{path}: has several layers ({layers}); name the {role} layer.</source>
        <translation>{path}：包含多个图层（{layers}），请指定{role}图层。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="495"/>
        <source>{path} layer {layer}: has no features.</source>
        <translation>{path}图层“{layer}”：没有要素。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="496"/>
        <source>{path} layer {layer}: has no geometry.</source>
        <translation>{path}图层“{layer}”：没有几何图形。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="497"/>
        <source>{path} layer {layer}: has no usable polygons.</source>
        <translation>{path}图层“{layer}”：没有可用的面要素。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="498"/>
        <source>{path} layer {layer}: none of its {count} features can be used. The first: {first}</source>
        <translation>{path}图层“{layer}”：全部{count}个要素均无法使用。第一个：{first}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="500"/>
        <source>{path} is a folder, not a file. Choose the layer file inside it (.gpkg, .shp, .geojson, .dxf …); only a File Geodatabase (.gdb) is opened as a folder.</source>
        <translation>{path}是文件夹，不是文件。请选择其中的图层文件（.gpkg、.shp、.geojson、.dxf等）；只有文件地理数据库（.gdb）按文件夹打开。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="503"/>
        <source>{path} is empty (0 bytes): it was not saved or copied completely. Get the file again from its source.</source>
        <translation>{path}是空文件（0字节），未完整保存或复制。请从来源重新获取该文件。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="505"/>
        <source>{path} is cut off: it holds {size} bytes, but its header says {expected}, so the features after the cut are missing. It was probably not copied or downloaded completely; get the file again from its source.</source>
        <translation>{path}不完整：文件只有{size}字节，而文件头表明应有{expected}字节，截断处之后的要素已丢失。文件可能未完整复制或下载，请从来源重新获取。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="509"/>
        <source>{path} is damaged: its database cannot be read. Get the file again from its source.</source>
        <translation>{path}已损坏，其数据库无法读取。请从来源重新获取该文件。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="511"/>
        <source>{path} is not in a format Planner reads (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, File Geodatabase or DXF).</source>
        <translation>{path}不是Planner能读取的格式（GeoPackage、Shapefile、GeoJSON、FlatGeobuf、文件地理数据库或DXF）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="514"/>
        <source>{path} is a folder that cannot be opened as a File Geodatabase: it is incomplete or not a geodatabase. Copy the whole .gdb folder again.</source>
        <translation>{path}是文件夹，但无法作为文件地理数据库打开：它不完整或不是地理数据库。请重新复制整个.gdb文件夹。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="517"/>
        <source>{path} is a GeoPackage without any layer. Check that this is the right file, or export the layer into it again.</source>
        <translation>{path}是不含任何图层的GeoPackage。请确认文件是否选对，或重新将图层导出到该文件。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="519"/>
        <source>{path}: the Shapefile&apos;s attribute table {dbf} is missing, so its features have no fields (ids, limits, storeys). Copy the .dbf file next to the .shp.</source>
        <translation>{path}：缺少该Shapefile的属性表{dbf}，其要素因此没有任何字段（编号、指标、层数）。请将.dbf文件复制到.shp所在的文件夹。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="522"/>
        <source>{path}: the Shapefile&apos;s index file {shx} is missing. Copy the .shx file next to the .shp.</source>
        <translation>{path}：缺少该Shapefile的索引文件{shx}。请将.shx文件复制到.shp所在的文件夹。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="524"/>
        <source>{path}: its texts are not {encoding}, although {source} says so. Name the right encoding in a .cpg file beside it (Chinese Shapefiles are usually GBK: write 936 into it) and check again.</source>
        <translation>{path}：其属性文字不是{encoding}编码，但{source}声明为该编码。请在其旁的.cpg文件中写明正确编码（中文Shapefile通常为GBK：写入936）后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="528"/>
        <source>{path}: the drawing is cut off: it does not end with the DXF end marker (0 / EOF), so the entities after the cut are missing. Save the drawing again in CAD, or get the file again from its source.</source>
        <translation>{path}：图纸不完整，文件末尾没有DXF结束标记（0 / EOF），截断处之后的图元已丢失。请在CAD中重新保存图纸，或从来源重新获取该文件。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="532"/>
        <source>{path} layer {layer}: no {needed} field recognised (looked for {wanted}); its fields are: {fields}. Name them with --mapping.</source>
        <translation>{path}图层“{layer}”：未识别出{needed}字段（已查找{wanted}）；现有字段为：{fields}。请用--mapping指定字段名。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="536"/>
        <source>{path} layer {layer}: no {needed} field recognised (looked for {wanted}); its fields are: {fields}. Open the file again and name its fields in the field-mapping dialog.</source>
        <translation>{path}图层“{layer}”：未识别出{needed}字段（已查找{wanted}）；现有字段为：{fields}。请重新打开该文件，在字段对应对话框中指定字段。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="540"/>
        <source>{path}: mapping [{role}] names &quot;{target}&quot;, which is not one of {targets}.</source>
        <translation>{path}：字段映射表[{role}]中的“{target}”无效，应为以下之一：{targets}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="542"/>
        <source>{path}: the mapping says [{role}] {target} = &quot;{field}&quot;, but the layer has no such field; its fields are: {fields}.</source>
        <translation>{path}：字段映射表规定[{role}] {target} = &quot;{field}&quot;，但图层中没有该字段；现有字段为：{fields}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="545"/>
        <source>{path}: the mapping file is not valid TOML ({error}).</source>
        <translation>{path}：字段映射文件不是有效的TOML格式（{error}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="546"/>
        <source>{path}: the mapping names field &quot;{field}&quot; for {targets} of the [{role}] layer; one field can hold only one of them. Name the right field for each.</source>
        <translation>{path}：字段对照将字段“{field}”同时指定给[{role}]图层的{targets}，一个字段只能对应其中一项。请为每项指定正确的字段。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="549"/>
        <source>{path}: is a folder; --mapping takes a .toml file.</source>
        <translation>{path}：是文件夹；--mapping 需要一个 .toml 文件。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="550"/>
        <source>{path}: the mapping file is not UTF-8 text; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8).</source>
        <translation>{path}：字段对照文件不是 UTF-8 文本，请另存为 UTF-8 编码（记事本：另存为，编码选 UTF-8）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="552"/>
        <source>{path}: unknown mapping table [{role}]; use {roles}.</source>
        <translation>{path}：未知的字段映射表[{role}]，应使用以下之一：{roles}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="553"/>
        <source>{path}: CAD layers {layer} hold no closed polylines, circles or hatches ({count} open lines). Close the outlines in CAD or name other layers; layers with outlines: {layers}.</source>
        <translation>{path}：CAD 图层 {layer} 中没有闭合多段线、圆或填充（有 {count} 条未闭合的线）。请在 CAD 中闭合轮廓或指定其他图层；含轮廓的图层：{layers}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="556"/>
        <source>{path}: has no coordinate system and its coordinates look like degrees; areas cannot be measured. Add a .prj or reproject it.</source>
        <translation>{path}：未定义坐标系，且根据坐标值判断为经纬度，无法量算面积。请补充.prj文件或进行投影转换。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="559"/>
        <source>{path}: its coordinates (x {x}, y {y} at the centre) cannot be in the coordinate system it declares, {crs}: read in it, they lie outside the area that system is made for ({area}). The numbers fit {fits}. Give the file its right coordinate system (in GIS: Define Projection, not Project) and check again.</source>
        <translation>{path}：其坐标（中心点 x {x}，y {y}）不可能属于文件声明的坐标系{crs}：按该坐标系解读，位置超出其适用范围（{area}）。与这些坐标值相符的坐标系：{fits}。请为文件定义正确的坐标系（在GIS中使用“定义投影”，而非“投影”），然后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="565"/>
        <source>{path}: has no coordinate system, and its coordinates (x {x}, y {y} at the centre) cannot be in {crs}, the coordinate system of the other layers (made for {area}). The numbers fit {fits}. Give the file its coordinate system (a .prj, or Define Projection in GIS), or move it onto the plan&apos;s coordinates, and check again.</source>
        <translation>{path}：未定义坐标系，且其坐标（中心点 x {x}，y {y}）不可能属于其他图层的坐标系{crs}（适用范围{area}）。与这些坐标值相符的坐标系：{fits}。请为文件定义坐标系（补充.prj文件，或在GIS中使用“定义投影”），或将其移至规划图的坐标位置，然后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="572"/>
        <source>Unexpected error: {error}.</source>
        <translation>程序发生意外错误：{error}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="573"/>
        <source>{path}: cannot be written ({error}).</source>
        <translation>{path}：无法写入（{error}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="574"/>
        <source>{path}: cannot be written: the folder {folder} does not exist. Choose an existing folder, or create this one first, and export again.</source>
        <translation>{path}：无法写入：文件夹{folder}不存在。请选择已有的文件夹，或先建立该文件夹，然后重新导出。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="577"/>
        <source>{path}: cannot be written: the folder is read-only for you, or the file is open in another program. Close the file, or choose another folder or name, and export again.</source>
        <translation>{path}：无法写入：您没有该文件夹的写入权限，或该文件正被其他程序打开。请关闭该文件，或另选文件夹或文件名，然后重新导出。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="586"/>
        <source>{path}: the review file is incomplete: it is cut off after {size} bytes (a save was interrupted, or the file was copied in part). Its backup copy {backup} is whole: use it instead (name it with --review, or copy it over the cut-off file).</source>
        <translation>{path}：审查文件不完整：文件在{size}字节后被截断（保存时被中断，或文件只复制了一部分）。其备份副本{backup}完整，请改用备份（用 --review 指定，或将其复制覆盖被截断的文件）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="591"/>
        <source>{path}: the review file is incomplete: it is cut off after {size} bytes (a save was interrupted, or the file was copied in part), and there is no whole backup copy {backup}. Restore the file from a copy, or move it away to begin a new review.</source>
        <translation>{path}：审查文件不完整：文件在{size}字节后被截断（保存时被中断，或文件只复制了一部分），且没有完整的备份副本{backup}。请从副本恢复该文件，或将其移走后重新开始审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="596"/>
        <source>{path}: the review file was written for another scheme ({role} {written_path}, layer {written_layer}, SHA-256 {written_sha256}), not for the one given ({given_path}, layer {given_layer}, SHA-256 {given_sha256}); its notes and approved exceptions are not applied. Name the review file of this scheme, or open the scheme in Planner to import the notes and review them again.</source>
        <translation>{path}：该审查文件是为另一方案编写的（{role}{written_path}，图层“{written_layer}”，SHA-256 {written_sha256}），不是为所给方案（{given_path}，图层“{given_layer}”，SHA-256 {given_sha256}）编写的；其审查备注和批准的例外均不采用。请指定本方案的审查文件，或在 Planner 中打开本方案，导入这些备注后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="603"/>
        <source>{path}: the review file was written for an earlier content of the {role} {given_path}, layer {given_layer} (SHA-256 {written_sha256}, now {given_sha256}): the scheme has changed since it was reviewed, so its notes and approved exceptions are not applied. Open the scheme in Planner to import the notes and review them again.</source>
        <translation>{path}：该审查文件是为{role}{given_path}（图层“{given_layer}”）的早先内容编写的（SHA-256 {written_sha256}，现为 {given_sha256}）：方案在审查后已有改动，其审查备注和批准的例外均不采用。请在 Planner 中打开本方案，导入这些备注后重新审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="615"/>
        <source>{path}: the review file names no scheme (it was saved by an earlier version of Planner), so whether it belongs to {given_path}, layer {given_layer} cannot be told. Its notes and approved exceptions are used: make sure they are for this scheme. The scheme is recorded when the review is next saved.</source>
        <extracomment>What the official should know about a review file that was still used, and the window&apos;s question about a review written for another scheme (planner.review.Notice, ReviewForAnotherScheme); worded by notice_message.</extracomment>
        <translation>{path}：该审查文件未记录所属方案（由旧版 Planner 保存），无法判断它是否属于{given_path}（图层“{given_layer}”）。其审查备注和批准的例外仍被采用，请核实它们确属本方案。下次保存审查时将记录所属方案。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="621"/>
        <source>{path} is cut off (a save was interrupted); the notes are taken from its backup copy {backup}, which may lack the last changes: check them. The next save replaces the cut-off file.</source>
        <translation>{path}已被截断（保存时被中断）；审查备注取自其备份副本{backup}，可能缺少最后的修改，请核对。下次保存时将替换被截断的文件。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="625"/>
        <source>{path} holds the review of another scheme ({role} {written_path}, layer {written_layer}, SHA-256 {written_sha256}); the scheme open is {given_path}, layer {given_layer} (SHA-256 {given_sha256}).</source>
        <translation>{path}保存的是另一方案的审查（{role}{written_path}，图层“{written_layer}”，SHA-256 {written_sha256}）；当前打开的方案是{given_path}，图层“{given_layer}”（SHA-256 {given_sha256}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="629"/>
        <source>{path} holds the review of an earlier content of the {role} {given_path}, layer {given_layer} (SHA-256 {written_sha256}, now {given_sha256}): the scheme has changed since it was reviewed.</source>
        <translation>{path}保存的是{role}{given_path}（图层“{given_layer}”）早先内容的审查（SHA-256 {written_sha256}，现为 {given_sha256}）：方案在审查后已有改动。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="633"/>
        <source>Import its {count} notes to review them again? No finding stays accepted as an approved exception ({accepted} were): accept each again where it still holds. The overall opinion is not carried over. Or start a fresh review. Either way the earlier review is kept as {kept}.</source>
        <translation>是否导入其中的{count}条备注并重新审查？导入后不保留任何批准的例外（原有{accepted}项），仍然成立的请逐项重新同意；总体审查意见不导入。也可以重新开始审查。无论选择哪种方式，原审查都另存为{kept}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="639"/>
        <source>Notes imported from the review of another scheme (kept as {kept}): no finding is accepted as an exception until you accept it again.</source>
        <translation>已从另一方案的审查中导入备注（原审查另存为{kept}）：各项须重新同意后才作为例外。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="642"/>
        <source>A fresh review was begun; the review of another scheme is kept as {kept}.</source>
        <translation>已重新开始审查；另一方案的审查另存为{kept}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="645"/>
        <source>Review notes of another scheme</source>
        <translation>另一方案的审查备注</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="646"/>
        <source>Import the notes to review again</source>
        <translation>导入备注并重新审查</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="647"/>
        <source>Start a fresh review</source>
        <translation>重新开始审查</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="650"/>
        <source>buildings file</source>
        <extracomment>The file of a scheme a review names (planner.review.SCHEME_ROLES).</extracomment>
        <translation>建筑文件</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="651"/>
        <source>green-area file</source>
        <translation>绿地文件</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="657"/>
        <source>not a number, comparison or range</source>
        <extracomment>How many hex digits of a SHA-256 a message shows: enough to tell two files apart at a glance. Why an indicator text could not be read (planner.io.indicators.REASONS).</extracomment>
        <translation>不是数值、比较式或区间</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="658"/>
        <source>a negative number</source>
        <translation>为负数</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="659"/>
        <source>a percentage where none belongs</source>
        <translation>该指标不应使用百分数</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="660"/>
        <source>more than 100%</source>
        <translation>超过100%</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="661"/>
        <source>the lower end is above the upper end</source>
        <translation>下限高于上限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="662"/>
        <source>one value per use, and which applies cannot be told</source>
        <translation>按用途分列多个数值，无法判断适用哪一个</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="666"/>
        <source>{fits} and {more} more</source>
        <extracomment>The coordinate systems a layer&apos;s numbers fit (planner.io.crs.fitting), when more are found than named, or none.</extracomment>
        <translation>{fits}，另有{more}个</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="667"/>
        <source>a Gauss-Krüger or UTM zone without the zone number in x, central meridian {zones} (the numbers alone cannot tell which: name the zone the data was surveyed in)</source>
        <translation>x坐标不含带号的某个高斯-克吕格或UTM投影带，中央经线{zones}（仅凭坐标值无法判断是哪一带，请注明数据测绘所用的分带）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="670"/>
        <source>none of the coordinate systems tried (Web Mercator; WGS 84 and CGCS2000 in degrees; the Gauss-Krüger zones of CGCS2000, Xi&apos;an 80 and Beijing 54, with and without the zone number; UTM)</source>
        <translation>无（已尝试：Web墨卡托；WGS 84和CGCS2000经纬度；CGCS2000、西安80和北京54的高斯-克吕格投影带，含带号与不含带号；UTM）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="675"/>
        <source>inches</source>
        <extracomment>A drawing unit ($INSUNITS, planner.io.dxf).</extracomment>
        <translation>英寸</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="676"/>
        <source>feet</source>
        <translation>英尺</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="677"/>
        <source>miles</source>
        <translation>英里</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="678"/>
        <source>millimetres</source>
        <translation>毫米</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="679"/>
        <source>centimetres</source>
        <translation>厘米</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="680"/>
        <source>kilometres</source>
        <translation>千米</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="681"/>
        <source>yards</source>
        <translation>码</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="682"/>
        <source>decimetres</source>
        <translation>分米</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="683"/>
        <source>US survey feet</source>
        <translation>美国测量英尺</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="685"/>
        <source>unit {units}</source>
        <translation>单位代码{units}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="688"/>
        <source>self-intersection</source>
        <extracomment>GEOS&apos;s reasons why a polygon is invalid (shapely.is_valid_reason), in words of the official&apos;s language.</extracomment>
        <translation>自相交</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="689"/>
        <source>ring self-intersection</source>
        <translation>环自相交</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="690"/>
        <source>too few points</source>
        <translation>顶点过少</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="691"/>
        <source>hole outside the outline</source>
        <translation>内环位于外轮廓之外</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="692"/>
        <source>interior cut in two</source>
        <translation>内部被分割为不连通的部分</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="693"/>
        <source>holes inside holes</source>
        <translation>内环相互嵌套</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="694"/>
        <source>outlines inside outlines</source>
        <translation>外轮廓相互嵌套</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="695"/>
        <source>duplicate rings</source>
        <translation>环重复</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="696"/>
        <source>invalid coordinate</source>
        <translation>坐标无效</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="697"/>
        <source>ring not closed</source>
        <translation>环未闭合</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="715"/>
        <source>control line</source>
        <translation>控制线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="716"/>
        <source>plan parcel</source>
        <translation>控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="717"/>
        <source>building</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="718"/>
        <source>green area</source>
        <translation>绿地</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="722"/>
        <source>parcel-id</source>
        <extracomment>What a layer lacked when its fields could not be recognised.</extracomment>
        <translation>地块编号</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="723"/>
        <source>land-use or indicator</source>
        <translation>用地性质或控制指标</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="728"/>
        <source>reading the plan</source>
        <extracomment>Stages reported by the loaders and planner.checking.engine.check through the progress callback.</extracomment>
        <translation>正在读取控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="729"/>
        <source>reading the buildings</source>
        <translation>正在读取方案建筑</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="730"/>
        <source>reading the green areas</source>
        <translation>正在读取方案绿地</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="731"/>
        <source>reading the control lines</source>
        <translation>正在读取控制线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="732"/>
        <source>aligning coordinate systems</source>
        <translation>正在统一坐标系</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="733"/>
        <source>overlaying buildings on parcels</source>
        <translation>正在叠加建筑与地块</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="734"/>
        <source>measuring FAR, density and height</source>
        <translation>正在计算容积率、建筑密度和建筑高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="735"/>
        <source>measuring green ratio</source>
        <translation>正在计算绿地率</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="736"/>
        <source>checking the rules</source>
        <translation>正在审查各项指标</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="737"/>
        <source>checking control lines and setbacks</source>
        <translation>正在审查控制线与退线</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="738"/>
        <source>collecting results</source>
        <translation>正在汇总结果</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="739"/>
        <source>comparing with the other plan version</source>
        <translation>正在与另一规划版本比较</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="740"/>
        <source>preparing the map and the findings table</source>
        <translation>正在准备地图和问题列表</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="741"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="749"/>
        <source>(parcel {parcel}) </source>
        <translation>（地块{parcel}）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="750"/>
        <source>(building {building}) </source>
        <translation>（建筑{building}）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="751"/>
        <source>(green area {green}) </source>
        <translation>（绿地{green}）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="752"/>
        <source>(line {line}) </source>
        <translation>（控制线{line}）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1206"/>
        <source>unchanged</source>
        <extracomment>A cell&apos;s text quoted in a sentence is cut to this many characters, any other value to the second: a 1 MB cell must not flood the terminal or the report. Details that are lists of ids or texts (given as lists, or joined with &quot;, &quot; where they were found). What happened to a parcel between two plan versions (planner.versions.diff.KINDS): a map legend&apos;s words.</extracomment>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1207"/>
        <source>changed</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1208"/>
        <source>renamed</source>
        <translation>更名</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1209"/>
        <source>split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1210"/>
        <source>merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1211"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1212"/>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1216"/>
        <source>Changed</source>
        <extracomment>Headings of the lists in `planner diff`&apos;s summary.</extracomment>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1217"/>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1218"/>
        <source>Merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1219"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1220"/>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1222"/>
        <source>Old plan</source>
        <translation>原版控规</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1222"/>
        <source>New plan</source>
        <translation>新版控规</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1223"/>
        <source>{added} added, {removed} removed, {changed} changed, {split} split, {merged} merged, {unchanged} unchanged.</source>
        <translation>新增 {added} 块，删除 {removed} 块，调整 {changed} 块，拆分 {split} 处，合并 {merged} 处，未变 {unchanged} 块。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1225"/>
        <source>The two versions are the same.</source>
        <translation>两个版本相同。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1297"/>
        <source>Map tools</source>
        <translation>地图工具</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1300"/>
        <source>Identify and select</source>
        <extracomment>(name, tooltip) of each tool of the map&apos;s toolbar.</extracomment>
        <translation>识别与选择</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1301"/>
        <source>Identify and select: click a parcel or building to select it and see its attributes; drag to move the map.</source>
        <translation>识别与选择：点击地块或建筑即选中它并查看其属性；拖动可移动地图。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1303"/>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1304"/>
        <source>Pan: drag to move the map; a click selects nothing.</source>
        <translation>平移：拖动移动地图；点击不选择任何要素。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1305"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1306"/>
        <source>Zoom in: click where to zoom in, or drag a rectangle to show it whole.</source>
        <translation>放大：点击要放大的位置，或拖出一个矩形，放大到该范围。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1308"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1309"/>
        <source>Zoom out: click where to zoom out.</source>
        <translation>缩小：点击要缩小的位置。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1310"/>
        <source>Zoom to all</source>
        <translation>全图显示</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1311"/>
        <source>Zoom to all: show every loaded layer whole.</source>
        <translation>全图显示：完整显示已载入的所有图层。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1312"/>
        <source>Measure distance</source>
        <translation>测量距离</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1313"/>
        <source>Measure distance: click points along the way; double-click or Esc ends the line, Esc again clears it.</source>
        <translation>测量距离：沿线依次点击各点；双击或按 Esc 结束测量，再按 Esc 清除。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1315"/>
        <source>Measure area</source>
        <translation>测量面积</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1316"/>
        <source>Measure area: click the corners; double-click or Esc closes the polygon, Esc again clears it.</source>
        <translation>测量面积：依次点击各角点；双击或按 Esc 闭合多边形，再按 Esc 清除。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1318"/>
        <source>Status colours</source>
        <translation>按审查结论着色</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1319"/>
        <source>Colour parcels by the check&apos;s verdict (violation, pass, not assessed).</source>
        <translation>按审查结论为地块着色（违规、通过、未评估）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1321"/>
        <source>Land-use colours</source>
        <translation>按用地性质着色</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1322"/>
        <source>Colour parcels by their land-use class (GB 50137-2011 and the 国土空间 land and sea use classes).</source>
        <translation>按用地性质大类为地块着色（GB 50137-2011及国土空间用地用海分类）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1325"/>
        <source>Length {length} (last segment {segment})</source>
        <translation>总长{length}（末段{segment}）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1326"/>
        <source>Area {area}, perimeter {perimeter}</source>
        <translation>面积{area}，周长{perimeter}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1327"/>
        <source>Parcel {parcel}: land use {land_use}, area {area}</source>
        <translation>地块{parcel}：用地性质{land_use}，面积{area}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1328"/>
        <source>{indicator}: limit {limit}</source>
        <translation>{indicator}：控制值{limit}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1329"/>
        <source>Building {building}: {storeys} storeys, height {height}, use {use}</source>
        <translation>建筑{building}：{storeys}层，高度{height}，用途{use}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1331"/>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1379"/>
        <source>{path}: a case numbered {number} is already registered. See it with: planner case show {number}; give a new case another number.</source>
        <translation>{path}：受理号为{number}的案卷已登记。可用 planner case show {number} 查看；新案卷请使用其他受理号。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1381"/>
        <source>{path}: no case numbered {number} is registered. The registered cases are listed by: planner case list.</source>
        <translation>{path}：未登记受理号为{number}的案卷。已登记的案卷可用 planner case list 列出。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1383"/>
        <source>{path}: case {number} is closed (办结); it takes no more submissions.</source>
        <translation>{path}：案卷{number}已办结，不再接收提交的方案。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1385"/>
        <source>{path}: case {number} has no {role} file registered; give it with {option}.</source>
        <translation>{path}：案卷{number}未登记{role}文件，请用 {option} 指定。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1387"/>
        <source>{path}: cannot be read as a case register ({error}). Name another file with --register, or restore this one from a backup.</source>
        <translation>{path}：无法作为案卷登记库读取（{error}）。请用 --register 指定其他文件，或从备份恢复该文件。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1390"/>
        <source>{path}: the case register was written by a later Planner (register version {version}; this Planner reads up to {supported}). Update Planner to open it.</source>
        <translation>{path}：该案卷登记库由更新版本的 Planner 写入（登记库版本{version}，本程序最高可读版本{supported}）。请升级 Planner 后再打开。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1393"/>
        <source>{path}: the case register is busy: another Planner has been writing to it for more than 10 seconds. Wait for it to finish or close it, then try again.</source>
        <translation>{path}：案卷登记库正被另一个 Planner 写入，已超过10秒。请等其完成或将其关闭后重试。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1400"/>
        <source>Case accepted</source>
        <extracomment>A case&apos;s status (model.CASE_STATUSES): 受理 / 审查中 / 已一次性告知补正 / 已办结.</extracomment>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1401"/>
        <source>Under review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1402"/>
        <source>Told to correct (one notice)</source>
        <translation>已一次性告知补正</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1403"/>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1407"/>
        <location filename="../../planner/report/official.py" line="35"/>
        <source>Case number</source>
        <extracomment>The columns of the case list (`planner case list`, the window&apos;s case list).</extracomment>
        <translation>受理号</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1408"/>
        <location filename="../../planner/report/official.py" line="36"/>
        <source>Project</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1409"/>
        <location filename="../../planner/report/official.py" line="37"/>
        <source>Applicant</source>
        <translation>建设单位</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1410"/>
        <location filename="../../planner/report/official.py" line="39"/>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1411"/>
        <source>Deadline</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1412"/>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1413"/>
        <source>Case status</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1417"/>
        <location filename="../../planner/messages.py" line="1855"/>
        <location filename="../../planner/report/official.py" line="38"/>
        <source>Site</source>
        <extracomment>Labels of a case&apos;s other details (`planner case show`, the new-case form).</extracomment>
        <translation>建设地点</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1418"/>
        <source>Time limit (working days)</source>
        <translation>办理时限（工作日）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1419"/>
        <source>Officer (经办人)</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1420"/>
        <source>Reviewer (审核人)</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1421"/>
        <source>Approver (审定人)</source>
        <translation>审定人</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1425"/>
        <source>Violation report</source>
        <extracomment>Kinds of document a case records (planner.cases.register.REPORT_KINDS) and the declared-figures file&apos;s role.</extracomment>
        <translation>违规审查报告</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1426"/>
        <source>Notice to the applicant</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1428"/>
        <source>Planning conditions</source>
        <translation>规划条件</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1429"/>
        <source>Spreadsheet</source>
        <translation>电子表格</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1430"/>
        <source>GeoPackage of the findings</source>
        <translation>审查结果GeoPackage文件</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1431"/>
        <source>JSON of the check</source>
        <translation>审查结果JSON文件</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1433"/>
        <source>Declared indicators</source>
        <translation>申报技术经济指标</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1434"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1435"/>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1436"/>
        <source>{date} (estimated: no official holiday data for that year, weekends only)</source>
        <translation>{date}（估算：该年度尚无官方节假日安排，仅扣除周末）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1438"/>
        <source>No case is registered in {path}.</source>
        <translation>{path}中尚未登记案卷。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1439"/>
        <source>Case {number} registered in {path}; deadline: {deadline}.</source>
        <translation>案卷{number}已登记于{path}；办结期限：{deadline}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1440"/>
        <source>Case {number} closed.</source>
        <translation>案卷{number}已办结。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1442"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1443"/>
        <source>Submissions</source>
        <translation>提交的方案</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1444"/>
        <source>Reports issued</source>
        <translation>已出具的文书</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1445"/>
        <source>Status changes</source>
        <translation>办理状态变更</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1447"/>
        <source>Submission {number}, checked {time}: {violations} violations, {warnings} warnings</source>
        <translation>第{number}次提交，审查时间{time}：不符合项{violations}项，提示{warnings}条</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1449"/>
        <source>with the application</source>
        <translation>随申请登记</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1450"/>
        <source>submission {number}</source>
        <translation>第{number}次提交</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1451"/>
        <source>Case {number}: recorded as submission {submission} in {path}.</source>
        <translation>案卷{number}：已作为第{submission}次提交记录于{path}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1452"/>
        <source>Against submission {previous}: {fixed} fixed, {still_open} still open, {new} new.</source>
        <translation>与第{previous}次提交相比：已整改{fixed}项，仍未整改{still_open}项，新增{new}项。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1454"/>
        <source>Every item of submission {previous} is fixed and nothing new was found.</source>
        <translation>第{previous}次提交的各项问题均已整改，未发现新问题。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1456"/>
        <source>First submission of case {number}: nothing to compare with.</source>
        <translation>案卷{number}的首次提交，无可比对的前次提交。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1458"/>
        <source>Fixed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1459"/>
        <source>Still open</source>
        <translation>仍未整改</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1460"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1489"/>
        <source>Declared site area differs from the drawing</source>
        <translation>申报用地面积与图纸不符</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1490"/>
        <source>Declared total floor area differs from the drawing</source>
        <translation>申报总建筑面积与图纸不符</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1491"/>
        <source>Declared counted floor area differs from the drawing</source>
        <translation>申报计容建筑面积与图纸不符</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1492"/>
        <source>Declared FAR differs from the drawing</source>
        <translation>申报容积率与图纸不符</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1493"/>
        <source>Declared building density differs from the drawing</source>
        <translation>申报建筑密度与图纸不符</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1494"/>
        <source>Declared green ratio differs from the drawing</source>
        <translation>申报绿地率与图纸不符</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1495"/>
        <source>Declared height differs from the drawing</source>
        <translation>申报建筑高度与图纸不符</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1500"/>
        <source>site area</source>
        <extracomment>A declared indicator inside a sentence and as a row of the 技术经济指标 table (model.DECLARED_INDICATORS).</extracomment>
        <translation>用地面积</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1501"/>
        <source>total floor area</source>
        <translation>总建筑面积</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1502"/>
        <source>counted floor area</source>
        <translation>计容建筑面积</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1509"/>
        <source>Parcel {parcel}: declared {indicator} {declared}, measured {measured}, a difference of {difference}, beyond the tolerance of {tolerance}.</source>
        <translation>地块{parcel}：申报{indicator}{declared}，实测{measured}，相差{difference}，超出允许误差{tolerance}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1511"/>
        <source>Whole scheme: declared {indicator} {declared}, measured {measured}, a difference of {difference}, beyond the tolerance of {tolerance}.</source>
        <translation>项目总体：申报{indicator}{declared}，实测{measured}，相差{difference}，超出允许误差{tolerance}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1515"/>
        <source>Whole scheme</source>
        <extracomment>Where a declared figure is for the whole scheme (no parcel), in tables.</extracomment>
        <translation>项目总体</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1518"/>
        <source>{path}: cannot be read as declared indicators ({error}). Give a CSV or XLSX table with the columns parcel, indicator and declared.</source>
        <translation>{path}：无法读取为申报技术经济指标（{error}）。请提供含 parcel（地块）、indicator（指标）、declared（申报值）三列的 CSV 或 XLSX 表格。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1521"/>
        <source>{path}: has no column {column} ({names}); its columns are: {columns}.</source>
        <translation>{path}：缺少 {column} 列（可用列名：{names}）；该文件的列为：{columns}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1523"/>
        <source>{path} row {row}, column {column}: &quot;{value}&quot; is not an indicator Planner knows; use one of {indicators}.</source>
        <translation>{path} 第{row}行“{column}”列：“{value}”不是可识别的指标名称，请使用以下之一：{indicators}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1526"/>
        <source>{path} row {row}, column {column}: &quot;{value}&quot; cannot be read as a number; expected e.g. {expected}.</source>
        <translation>{path} 第{row}行“{column}”列：“{value}”无法识别为数值，应填写如 {expected}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1528"/>
        <source>{path} row {row}: {value} of parcel {parcel} is declared again (first in row {first}); keep one.</source>
        <translation>{path} 第{row}行：地块{parcel}的“{value}”重复申报（首次见第{first}行），请只保留一行。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1530"/>
        <source>{path} row {row}: parcel {parcel} is not one the scheme stands on ({parcels}); correct the parcel id, or leave it blank for the whole scheme.</source>
        <translation>{path} 第{row}行：地块{parcel}不在本方案涉及的地块之内（{parcels}），请更正地块编号；项目总体指标请将地块留空。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1533"/>
        <source>{path}: the plan has no parcel {parcel}; parcels such as {parcels}.</source>
        <translation>{path}：规划中没有地块{parcel}；现有地块如：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1558"/>
        <source>Building no. {building}</source>
        <extracomment>A building named in a document to the applicant: &quot;4#楼&quot; for a numbered building, else &quot;建筑 A-1&quot;.</extracomment>
        <translation>{building}楼</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1559"/>
        <source>Building {building}</source>
        <translation>建筑{building}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1569"/>
        <source>Parcel {parcel}: the FAR is {actual}, above the plan&apos;s maximum {bound} (basis: {basis}); reduce the counted floor area so that the FAR is {bound} or less.</source>
        <extracomment>What the applicant must do about each finding, with the plan&apos;s basis ({basis}): the items of the 一次性告知书.</extracomment>
        <translation>地块{parcel}容积率{actual}，超过规划上限{bound}（依据：{basis}），应核减计容建筑面积，使容积率不大于{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1572"/>
        <source>Parcel {parcel}: the FAR is {actual}, below the plan&apos;s minimum {bound} (basis: {basis}); add counted floor area so that the FAR is at least {bound}.</source>
        <translation>地块{parcel}容积率{actual}，低于规划下限{bound}（依据：{basis}），应增加计容建筑面积，使容积率不小于{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1575"/>
        <source>Parcel {parcel}: the building density is {actual}, above the plan&apos;s maximum {bound} (basis: {basis}); reduce the footprints so that the density is {bound} or less.</source>
        <translation>地块{parcel}建筑密度{actual}，超过规划上限{bound}（依据：{basis}），应缩减建筑基底面积，使建筑密度不大于{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1578"/>
        <source>Parcel {parcel}: the building density is {actual}, below the plan&apos;s minimum {bound} (basis: {basis}); enlarge the footprints so that the density is at least {bound}.</source>
        <translation>地块{parcel}建筑密度{actual}，低于规划下限{bound}（依据：{basis}），应增加建筑基底面积，使建筑密度不小于{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1581"/>
        <source>{building} is {actual} high, above the height limit {bound} of parcel {parcel} (basis: {basis}); lower it to {bound} or less.</source>
        <translation>{building}建筑高度{actual}，超过地块{parcel}建筑限高{bound}（依据：{basis}），应降至{bound}及以下。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1583"/>
        <source>{building} is {actual} high, below the minimum height {bound} of parcel {parcel} (basis: {basis}); raise it to {bound} or more.</source>
        <translation>{building}建筑高度{actual}，低于地块{parcel}建筑高度下限{bound}（依据：{basis}），应提高至{bound}及以上。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1585"/>
        <source>Parcel {parcel}: the green ratio is {actual}, below the plan&apos;s minimum {bound} (basis: {basis}); add green area so that the green ratio is at least {bound}.</source>
        <translation>地块{parcel}绿地率{actual}，低于规划下限{bound}（依据：{basis}），应增加绿地面积，使绿地率不小于{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1588"/>
        <source>Parcel {parcel}: the green ratio is {actual}, above the plan&apos;s maximum {bound} (basis: {basis}); rearrange the green areas so that the green ratio is {bound} or less.</source>
        <translation>地块{parcel}绿地率{actual}，超过规划上限{bound}（依据：{basis}），应调整绿地布置，使绿地率不大于{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1591"/>
        <source>{building} ({use}) stands on parcel {parcel}, whose land use {code} does not allow it (basis: {basis}); change the building&apos;s use or remove it from the parcel.</source>
        <translation>{building}（{use}）位于地块{parcel}，与该地块用地性质{code}不符（依据：{basis}），应调整建筑用途或将其移出该地块。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1594"/>
        <source>{building} stands across the parcels {parcels} (basis: {basis}); rearrange it so that it stands on one parcel.</source>
        <translation>{building}跨越地块{parcels}（依据：{basis}），应调整建筑布局，使其位于同一地块内。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1596"/>
        <source>{building}: {area} of its footprint lies outside the plan&apos;s parcels (basis: {basis}); move it onto the site.</source>
        <translation>{building}基底有{area}位于规划地块范围以外（依据：{basis}），应将建筑调整至规划用地范围内。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1598"/>
        <source>{building} crosses the road red line {lines} (basis: {basis}); move it back behind the red line and keep the required setback.</source>
        <translation>{building}跨越道路红线{lines}（依据：{basis}），应将建筑退至道路红线以内并满足退线要求。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1601"/>
        <source>{building} stands beyond the road red line {lines}, on the road (basis: {basis}); move it behind the red line and keep the required setback.</source>
        <translation>{building}位于道路红线{lines}以外的道路一侧（依据：{basis}），应将建筑移至道路红线以内并满足退线要求。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1604"/>
        <source>{building} stands {distance} from the road red line {line}, less than the required {required} ({source}; basis: {basis}); move it back so that it stands at least {required} from the line.</source>
        <translation>{building}距道路红线{line}为{distance}，小于应退让距离{required}（{source}；依据：{basis}），应调整建筑位置，使退线距离不小于{required}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1607"/>
        <source>{building} takes up land within the {kind} {lines} (basis: {basis}); rearrange it so that it stays out of the {kind}.</source>
        <translation>{building}占用{kind}{lines}范围（依据：{basis}），应调整建筑布局，退出{kind}范围。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1611"/>
        <source>{building} extends beyond the building control line {lines} (basis: {basis}); keep it within the building control line.</source>
        <translation>{building}超出建筑控制线{lines}（依据：{basis}），应将建筑调整至建筑控制线以内。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1615"/>
        <source>On parcel {parcel}, {buildings} are above the height limit {bound} (basis: {basis}); lower each to {bound} or less.</source>
        <extracomment>A height finding about several buildings, and one naming none (the tallest of the parcel).</extracomment>
        <translation>地块{parcel}内{buildings}超过建筑限高{bound}（依据：{basis}），均应降至{bound}及以下。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1618"/>
        <source>Parcel {parcel}: the tallest building is {actual} high, above the height limit {bound} (basis: {basis}); lower it to {bound} or less.</source>
        <translation>地块{parcel}最高建筑高度{actual}，超过建筑限高{bound}（依据：{basis}），应降至{bound}及以下。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1620"/>
        <source>Parcel {parcel}: the tallest building is {actual} high, below the minimum height {bound} (basis: {basis}); raise it to {bound} or more.</source>
        <translation>地块{parcel}最高建筑高度{actual}，低于建筑高度下限{bound}（依据：{basis}），应提高至{bound}及以上。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1625"/>
        <source>Parcel {parcel}: the declared {indicator} {declared} does not match the {measured} measured on the drawing (a difference of {difference}); correct the table of technical and economic indicators and declare it again.</source>
        <translation>地块{parcel}申报{indicator}{declared}，与图纸实测{measured}不符（相差{difference}），应核正技术经济指标表后重新申报。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1629"/>
        <source>Whole scheme: the declared {indicator} {declared} does not match the {measured} measured on the drawing (a difference of {difference}); correct the table of technical and economic indicators and declare it again.</source>
        <translation>项目总体申报{indicator}{declared}，与图纸实测{measured}不符（相差{difference}），应核正技术经济指标表后重新申报。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1635"/>
        <source>{finding} (Basis: GB 50180-2018 clause 4.0.9 and the city&apos;s sunlight rules.)</source>
        <extracomment>After an item the official wrote a note on.</extracomment>
        <translation>{finding}（依据：《城市居住区规划设计标准》GB 50180-2018第4.0.9条及本市日照管理规定）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1637"/>
        <source>(Note: {note})</source>
        <translation>（审查人员备注：{note}）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1639"/>
        <source>{plan}, approved by {approval}</source>
        <extracomment>The plan a requirement comes from: its name and approval number.</extracomment>
        <translation>{plan}，批复文号{approval}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1721"/>
        <source>Sunlight below the standard</source>
        <translation>日照不满足标准</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1722"/>
        <source>Scheme cuts an existing home&apos;s sunlight</source>
        <translation>方案影响现状住宅日照</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1725"/>
        <source>Building {building} ({type}): {length} of its main facades get less than {hours} of sun on {day} ({band}); the least is {actual}, on the facade facing {facing}. Move or lower the buildings that shade it.</source>
        <translation>建筑{building}（{type}）：主要朝向外墙有{length}在{day}（{band}）的日照不足{hours}，最少为{actual}，位于朝向{facing}的外墙。请调整遮挡它的建筑的位置或高度。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1728"/>
        <source>Existing building {building} ({type}): the scheme cuts its sun on {day} from {before} to {actual}, below the standard of {hours} ({band}), along {length} of its main facades (facing {facing}). Change the scheme buildings that shade it.</source>
        <translation>现状建筑{building}（{type}）：方案使其{day}日照由{before}减少为{actual}，低于{hours}的标准（{band}），涉及主要朝向外墙{length}（朝向{facing}）。请调整遮挡它的方案建筑。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1734"/>
        <source>Sunlight not checked</source>
        <translation>未进行日照分析</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1735"/>
        <source>No height for sunlight</source>
        <translation>日照分析缺少高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1736"/>
        <source>Height estimated for sunlight</source>
        <translation>日照分析估算高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1739"/>
        <source>Sunlight was not checked: no layer has a coordinate system, so the site&apos;s latitude is not known. Give the files their coordinate system.</source>
        <translation>未进行日照分析：各图层均无坐标系，无法确定场地纬度。请为文件设定坐标系。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1742"/>
        <source>{path} layer {layer}: building {building} has no height, so it casts no shadow in the sunlight analysis and the hours around it may be too high. Add its height or storeys.</source>
        <translation>{path} 图层 {layer}：建筑{building}没有高度，日照分析中不计其遮挡，周边日照时数可能偏高。请补充其高度或层数。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1745"/>
        <source>{path} layer {layer}: existing building {building} has storeys but no height; {height} m ({storeys} storeys of {storey_height} m) is used in the sunlight analysis. Add its height if it is known.</source>
        <translation>{path} 图层 {layer}：现状建筑{building}有层数而无高度，日照分析按{height} m（{storeys}层，层高{storey_height} m）计算。如已知其高度，请补充。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1751"/>
        <source>Sunlight standard: climate zone {zone} with city size {size} is not a row of GB 50180-2018 table 4.0.9. Give --sunlight-zone I-VII and, except in zones V and VI, --city-size large or small.</source>
        <translation>日照标准：建筑气候区划{zone}与城市规模{size}不对应 GB 50180-2018 表 4.0.9 的任何一栏。请给出 --sunlight-zone I-VII，除Ⅴ、Ⅵ气候区外还需给出 --city-size large 或 small。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1755"/>
        <source>Sunlight standard: resources/sunlight.toml has no city named {city}. Its cities: {cities}.</source>
        <translation>日照标准：resources/sunlight.toml 中没有名为{city}的城市。已有城市：{cities}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1758"/>
        <source>analysing sunlight</source>
        <translation>日照分析</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1759"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours}小时{minutes}分</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1760"/>
        <source>{degrees}° from north</source>
        <translation>方位角{degrees}°</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1761"/>
        <source>Sunlight: climate zone {zone}, {size} city{city}; homes {day} ≥ {hours} ({band}, true solar time); sweep angle {sweep}°, step {step} min, sampling {spacing} m, {height} m above the ground floor; latitude {latitude}°.</source>
        <translation>日照：建筑气候区划{zone}，{size}城市{city}；住宅{day}不少于{hours}（{band}，真太阳时）；最小扫掠角{sweep}°，时间间隔{step}分钟，采样点间距{spacing} m，计算高度为底层地面以上{height} m；纬度{latitude}°。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1765"/>
        <source>Sunlight: not checked (choose --sunlight-zone and --city-size, or --sunlight-city).</source>
        <translation>日照：未分析（请选择 --sunlight-zone 和 --city-size，或 --sunlight-city）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1767"/>
        <source>large (城区常住人口 ≥ 50万)</source>
        <translation>大（城区常住人口≥50万）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1768"/>
        <source>small (城区常住人口 &lt; 50万)</source>
        <translation>小（城区常住人口＜50万）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1827"/>
        <source>Sunlight</source>
        <translation>日照分析</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1828"/>
        <source>Sunlight was not analysed: no sunlight standard was chosen for this check. To have it analysed, choose the climate zone and city size, or the city (planner check: --sunlight-zone and --city-size, or --sunlight-city; in the window: View &gt; Sunlight standard).</source>
        <translation>未进行日照分析：本次审查未选择日照标准。如需分析，请选择建筑气候区划和城市规模，或选择城市（planner check：--sunlight-zone 和 --city-size，或 --sunlight-city；窗口中：视图 &gt; 日照标准）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1833"/>
        <source>Hours of sun on the standard day along every facade of every building that needs sun (homes, dormitories, homes for the elderly, kindergartens, schools), in the scheme and around it, at points every {spacing} m along the facades, {height} m above the ground floor, on a flat site. A facade facing between {low}° and {high}° from north that would get the standard with nothing around it is held to it.</source>
        <translation>对本方案及其周边每栋需要日照的建筑（住宅、宿舍、老年人居住建筑、幼儿园、中小学校）的每个立面，计算日照标准日的日照时数：沿立面每 {spacing} 米取一个采样点，高度为底层地面以上 {height} 米，场地按平地计。朝向在正北顺时针 {low}° 至 {high}° 之间、且周边无遮挡时可满足标准的立面，须满足日照标准。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1839"/>
        <source>Parameters used</source>
        <translation>采用的参数</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1840"/>
        <source>Buildings that need sun</source>
        <translation>需要日照的建筑</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1841"/>
        <source>No building that needs sun is in the scheme or within reach of its shadows.</source>
        <translation>本方案及其阴影所及范围内没有需要日照的建筑。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1843"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1844"/>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1845"/>
        <source>Climate zone and city size</source>
        <translation>建筑气候区划和城市规模</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1846"/>
        <source>City entry</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1847"/>
        <source>Standard day, hours and time band</source>
        <translation>日照标准日、日照时数和有效日照时间带</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1848"/>
        <source>Minimum sweep angle</source>
        <translation>最小扫掠角</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1849"/>
        <source>Sampling spacing</source>
        <translation>采样点间距</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1850"/>
        <source>Time step</source>
        <translation>时间间隔</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1851"/>
        <source>Calculation height</source>
        <translation>计算高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1852"/>
        <source>Minimum continuous sunshine counted</source>
        <translation>最小连续日照时间</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1853"/>
        <source>Counting</source>
        <translation>累计方式</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1854"/>
        <source>Existing homes</source>
        <translation>现状住宅</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1856"/>
        <source>{type}: {day} ≥ {hours}, {band} (true solar time)</source>
        <translation>{type}：{day} ≥ {hours}，{band}（真太阳时）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1857"/>
        <source>{height} m above the floor of the lowest storey</source>
        <translation>最底层住宅地面以上 {height} 米</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1858"/>
        <source>every sunlit period added up</source>
        <translation>累计全部日照时段</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1859"/>
        <source>the longest {periods} sunlit periods added up</source>
        <translation>累计最长的 {periods} 个日照时段</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1860"/>
        <source>the longest sunlit period only</source>
        <translation>仅计最长的一个日照时段</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1862"/>
        <source>may not be pushed below the standard by the scheme, nor lose sun where already below it</source>
        <translation>本方案不得使其低于日照标准；原已低于标准的，不得再减少日照</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1864"/>
        <source>may not be pushed below the standard by the scheme</source>
        <translation>本方案不得使其低于日照标准</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1865"/>
        <source>not checked</source>
        <translation>不审查</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1867"/>
        <source>latitude {latitude}°, longitude {longitude}°; grid north {north}° from true north</source>
        <translation>北纬 {latitude}°，东经 {longitude}°；坐标北与真北夹角 {north}°</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1869"/>
        <source>Scheme or existing</source>
        <translation>方案或现状</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1870"/>
        <source>Standard</source>
        <translation>日照标准</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1871"/>
        <source>Facade</source>
        <translation>立面</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1872"/>
        <source>Least sun</source>
        <translation>最少日照</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1873"/>
        <source>Length below the standard</source>
        <translation>不满足标准的长度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1874"/>
        <source>Without the scheme</source>
        <translation>无本方案时</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1875"/>
        <source>scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1876"/>
        <source>existing</source>
        <translation>现状</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1877"/>
        <source>least {hours}; {length} below</source>
        <translation>最少 {hours}；{length} 不满足</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1878"/>
        <source>no facade held to the standard</source>
        <translation>无须满足日照标准的立面</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1879"/>
        <source>{minutes} min</source>
        <translation>{minutes}分钟</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1880"/>
        <source>zone {zone}, {size} city</source>
        <translation>{zone}气候区，{size}城市</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1881"/>
        <source>Existing buildings file</source>
        <translation>现状建筑文件</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1882"/>
        <source>{file}, layer {layer}, {features} buildings</source>
        <translation>{file}，图层 {layer}，{features} 栋建筑</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1883"/>
        <source>none given: only the scheme&apos;s buildings cast shadows, and no existing home is checked</source>
        <translation>未提供：仅计方案建筑的遮挡，不审查现状住宅日照</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1950"/>
        <source>Detail pages with maps are given for the first {shown} of the {total} violating parcels, in the order of the parcels table; the findings on the other {left} are listed in one table after them. To have a detail page and map for every violating parcel, make the report again with a higher limit on detail maps (planner check: --max-detail-maps {total}).</source>
        <translation>按地块表顺序，仅为 {total} 个违规地块中的前 {shown} 个给出附图详情页；其余 {left} 个地块的不符合项列于其后的一张表中。如需为每个违规地块给出详情页和附图，请提高附图数量上限后重新生成报告（planner check：--max-detail-maps {total}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1958"/>
        <source>Case {number} · {project} · deadline {deadline}</source>
        <translation>案卷{number} · {project} · 办结期限{deadline}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1959"/>
        <source>Case {number}: deadline {deadline}; working days left: {days}</source>
        <translation>案卷{number}：办结期限{deadline}；剩余工作日：{days}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1960"/>
        <source>The review notes of case {number} were restored from the case register ({path}).</source>
        <translation>已从案卷登记簿（{path}）恢复案卷{number}的审查意见。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1962"/>
        <source>The review notes of case {number} were written for an earlier submission: they were carried over to be reviewed again, and no finding stays accepted as an exception.</source>
        <translation>案卷{number}的审查意见是针对此前提交的方案填写的：已转入本次方案，须重新审查，原认定的例外一律不再保留。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1965"/>
        <source>Declared indicators from {path}: {count} figures, {differs} differ from the drawing beyond tolerance.</source>
        <translation>已载入申报指标（{path}）：共{count}项，其中{differs}项与图纸量算值的差异超出允许误差。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1967"/>
        <source>The figures typed in were saved to {path}.</source>
        <translation>录入的指标已保存至{path}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1968"/>
        <source>Open a plan and a scheme and let them be checked first: declared figures are compared with what the scheme measures.</source>
        <translation>请先打开控规和方案并完成审查：申报指标要与方案的量算值比对。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1970"/>
        <source>Open a plan and a scheme and let them be checked first: the {document} is written from the check.</source>
        <translation>请先打开控规和方案并完成审查：{document}依据审查结果生成。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1972"/>
        <source>Select a parcel on the map first: the planning conditions are written for one parcel.</source>
        <translation>请先在地图上选择一个地块：规划条件按单个地块出具。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1974"/>
        <source>Open a plan layer first: the planning conditions are read from the plan.</source>
        <translation>请先打开控规地块图层：规划条件从控规中读取。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1976"/>
        <source>Writing {path}…</source>
        <translation>正在写入{path}……</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1977"/>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1978"/>
        <source>Written: {path}; recorded with case {number}.</source>
        <translation>已写入：{path}，并已登记到案卷{number}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1979"/>
        <source>Close case {number} ({project})? Its status becomes “Closed” and it takes no further submissions; the files stay open in the window.</source>
        <translation>确定办结案卷{number}（{project}）吗？办结后状态为“已办结”，不再接收补正材料；窗口中已打开的文件不受影响。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1982"/>
        <source>No case is open in the window: open one from File &gt; Cases…, or close it in the case list.</source>
        <translation>窗口中没有打开的案卷：请从“文件 &gt; 案卷…”打开案卷，或在案卷列表中办结。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1984"/>
        <source>Case register: {path}</source>
        <translation>案卷登记库：{path}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="150"/>
        <location filename="../../planner/messages.py" line="1226"/>
        <source>land use</source>
        <translation>用地性质</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="237"/>
        <source>Parcel {parcel}: the tallest building, {building}, is {actual}, above the limit {bound}.</source>
        <extracomment>A height finding naming its buildings (details[&quot;buildings&quot;], tallest first, and details[&quot;heights&quot;]).</extracomment>
        <translation>地块{parcel}：最高建筑{building}高{actual}，超过限高{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="239"/>
        <source>Parcel {parcel}: the tallest building, {building}, is {actual}, below the minimum {bound}.</source>
        <translation>地块{parcel}：最高建筑{building}高{actual}，低于高度下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="242"/>
        <source>Parcel {parcel}: the tallest building, {building}, is {actual}, above the limit {bound}; {count} buildings are above it: {buildings}.</source>
        <translation>地块{parcel}：最高建筑{building}高{actual}，超过限高{bound}；超过限高的建筑共{count}栋：{buildings}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="247"/>
        <source>({shown} when rounded to {precision}; the limit applies to the exact value)</source>
        <extracomment>After the exact value of a marginal breach (one that would pass once rounded): inside the sentence, before its full stop.</extracomment>
        <translation>（修约至{precision}后为{shown}，但控制指标按精确值判定）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="581"/>
        <source>{path}: the review file cannot be read ({error}). Restore it from a copy, or move it away to begin a new review.</source>
        <translation>{path}：无法读取审查文件（{error}）。请从副本恢复该文件，或将其移走后重新开始审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="583"/>
        <source>{path}: the review file is not UTF-8 text: it was saved in another encoding (by an editor, perhaps). Save it again as UTF-8, or restore it from a copy.</source>
        <translation>{path}：审查文件不是UTF-8编码的文本，可能被编辑器以其他编码保存过。请重新以UTF-8编码保存，或从副本恢复该文件。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="724"/>
        <source>storeys, counted-area or height</source>
        <translation>层数、计容面积或高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1227"/>
        <source>renamed from {old}</source>
        <translation>原编号 {old}</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1228"/>
        <source>boundary redrawn, area {old} → {new}</source>
        <translation>边界调整，面积 {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="52"/>
        <source>Parcel id</source>
        <extracomment>Every target of planner.io.fields.ALIASES as officials call it (the core keeps only target ids).</extracomment>
        <translation>地块编号</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="53"/>
        <source>Land-use code</source>
        <translation>用地代码</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="54"/>
        <source>Land-use name</source>
        <translation>用地名称</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="56"/>
        <source>FAR upper</source>
        <translation>容积率上限</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="57"/>
        <source>FAR lower</source>
        <translation>容积率下限</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="58"/>
        <source>Building density</source>
        <translation>建筑密度</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="59"/>
        <source>Density upper</source>
        <translation>建筑密度上限</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="60"/>
        <source>Density lower</source>
        <translation>建筑密度下限</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="61"/>
        <source>Height limit</source>
        <translation>建筑限高</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="62"/>
        <source>Height limit upper</source>
        <translation>建筑限高上限</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="63"/>
        <source>Height limit lower</source>
        <translation>建筑限高下限</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="64"/>
        <source>Absolute elevation limit (not checked)</source>
        <translation>绝对高度限制（不审查）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="66"/>
        <source>Green ratio upper</source>
        <translation>绿地率上限</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="67"/>
        <source>Green ratio lower</source>
        <translation>绿地率下限</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="68"/>
        <source>Setback from road red line (m)</source>
        <translation>退线距离（米）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="69"/>
        <source>Approval number (批复文号)</source>
        <translation>批复文号</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="70"/>
        <source>Approval date (批复时间)</source>
        <translation>批复时间</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="74"/>
        <source>Building id</source>
        <translation>建筑编号</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="75"/>
        <location filename="../../planner/gui/inspector.py" line="59"/>
        <source>Storeys</source>
        <translation>地上层数</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="76"/>
        <source>Height (m)</source>
        <translation>建筑高度（米）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="77"/>
        <source>Storey heights</source>
        <translation>层高</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="78"/>
        <source>Counted floor area</source>
        <translation>计容面积</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="79"/>
        <source>Underground storeys</source>
        <translation>地下层数</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="80"/>
        <location filename="../../planner/gui/inspector.py" line="58"/>
        <source>Use</source>
        <translation>建筑用途</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="83"/>
        <source>Green area id</source>
        <translation>绿地编号</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="84"/>
        <source>Green factor</source>
        <translation>折算系数</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="87"/>
        <source>Line id</source>
        <translation>控制线编号</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="88"/>
        <source>Control line kind</source>
        <translation>控制线类型</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="89"/>
        <source>Setback from the line (m)</source>
        <translation>退让距离（米）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="90"/>
        <source>Road class</source>
        <translation>道路等级</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="91"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="113"/>
        <source>Needed: the parcel id (*) and at least one of land use or an indicator (†).</source>
        <extracomment>What a layer must have to be loaded, as planner.io.layers requires it: every group needs one of its targets. Targets marked in the dialog: the one always needed, and the main columns of an &quot;at least one&quot; group.</extracomment>
        <translation>必填：地块编号（*），以及用地代码或任一控制指标中的至少一项（†）。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="115"/>
        <source>Needed: storeys, counted floor area or height (†). With a height alone, storeys are estimated and FAR is marked as an estimate.</source>
        <translation>必需：层数、计容面积或高度（†）。仅有高度时按高度估算层数，容积率标为估算值。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="118"/>
        <source>Nothing is required: without a factor every green area counts in full.</source>
        <translation>均为选填：没有折算系数时，每块绿地按全部面积计入。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="122"/>
        <source>— not present —</source>
        <translation>— 无此字段 —</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="123"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="124"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="125"/>
        <source>Choose a layer</source>
        <translation>选择图层</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="126"/>
        <source>{file} holds several layers. Which is the {role} layer?</source>
        <translation>{file} 含有多个图层，哪一个是{role}图层？</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="127"/>
        <location filename="../../planner/report/document.py" line="281"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="127"/>
        <source>Geometry</source>
        <translation>几何类型</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="128"/>
        <location filename="../../planner/report/document.py" line="284"/>
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="131"/>
        <source>Polygon</source>
        <extracomment>GDAL&apos;s geometry type names as GIS users in China know them (面, 线, 点).</extracomment>
        <translation>面</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="132"/>
        <source>Multi-polygon</source>
        <translation>多面</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="133"/>
        <source>Line</source>
        <translation>线</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="134"/>
        <source>Multi-line</source>
        <translation>多线</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="135"/>
        <source>Point</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="136"/>
        <source>Multi-point</source>
        <translation>多点</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="138"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="139"/>
        <source>Fields of the {role} layer</source>
        <translation>{role}图层的字段</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="140"/>
        <source>{file} layer {layer}: choose the column that holds each item.</source>
        <translation>{file} 图层 {layer}：请为每一项选择对应的字段。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="141"/>
        <source>Column</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="141"/>
        <source>Sample values</source>
        <translation>示例值</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="142"/>
        <source>Items</source>
        <translation>所需项目</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="143"/>
        <source>Columns in the layer</source>
        <translation>图层中的字段</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="144"/>
        <source>Recognised by itself when named: {names}</source>
        <translation>字段名为以下之一时可自动识别：{names}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="154"/>
        <source>No field for: {indicators}. These will not be checked, and no parcel will be shown as compliant while they are not.</source>
        <extracomment>The fields that give an indicator&apos;s limit: the limit itself or one of its bounds.</extracomment>
        <translation>未指定字段：{indicators}。这些指标将不予审查，在此之前任何地块都不会显示为合规。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="156"/>
        <source>Indicators without a field</source>
        <translation>指标未指定字段</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="157"/>
        <source>No field was chosen for {indicators}. They will not be checked on any parcel, and the parcels will show as partly checked. Go on without them?</source>
        <translation>未为{indicators}选择字段。所有地块都将不审查这些指标，地块将显示为部分指标未审查。是否继续？</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="160"/>
        <source>Go on without them</source>
        <translation>不审查这些指标，继续</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="161"/>
        <source>Choose fields</source>
        <translation>返回选择字段</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="64"/>
        <source>Severity</source>
        <extracomment>Raw values for sorting (floats for Actual, ranks for Severity and Rule, ids for Parcel and Building). The Violation or CheckWarning of a row. A row&apos;s review state (REVIEW_STATES). True for a warning about a parcel the scheme does not touch (not among the result&apos;s parcels).</extracomment>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="65"/>
        <location filename="../../planner/report/document.py" line="141"/>
        <location filename="../../planner/report/opinion.py" line="51"/>
        <source>Rule</source>
        <translation>审查规则</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="44"/>
        <source>Select a parcel on the map or a finding in the table.</source>
        <translation>请在地图上选择地块，或在审查结果表中选择一项。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="45"/>
        <source>Parcel {parcel} is not touched by the scheme, so it was not checked.</source>
        <translation>方案未涉及地块 {parcel}，未对其审查。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="46"/>
        <location filename="../../planner/report/document.py" line="188"/>
        <location filename="../../planner/report/opinion.py" line="48"/>
        <source>Parcel {parcel}</source>
        <translation>地块 {parcel}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="47"/>
        <source>Site area {area}</source>
        <translation>用地面积 {area}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="49"/>
        <location filename="../../planner/report/conditions.py" line="34"/>
        <location filename="../../planner/report/document.py" line="169"/>
        <location filename="../../planner/report/official.py" line="44"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="50"/>
        <location filename="../../planner/report/document.py" line="172"/>
        <source>Limit as written</source>
        <translation>控规原文</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="51"/>
        <location filename="../../planner/report/document.py" line="175"/>
        <source>Limit as read</source>
        <translation>控制值（识别）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="52"/>
        <location filename="../../planner/report/document.py" line="178"/>
        <source>Achieved</source>
        <translation>方案值</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="53"/>
        <location filename="../../planner/report/document.py" line="166"/>
        <location filename="../../planner/report/document.py" line="181"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="55"/>
        <source>Buildings on this parcel</source>
        <translation>地块内建筑</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="57"/>
        <location filename="../../planner/gui/violations.py" line="67"/>
        <location filename="../../planner/report/document.py" line="243"/>
        <location filename="../../planner/report/symbology.py" line="38"/>
        <source>Building</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="61"/>
        <source>Footprint area</source>
        <translation>基底面积</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="62"/>
        <source>Counted area</source>
        <translation>计容建筑面积</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="63"/>
        <source>Footprint share</source>
        <translation>基底面积占比</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="64"/>
        <source>Counted-area share</source>
        <translation>计容面积占比</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="68"/>
        <source>The building&apos;s footprint on this parcel, as a share of all the footprints on it (what building density counts).</source>
        <extracomment>What the two share columns measure (their header tooltips).</extracomment>
        <translation>该建筑在本地块内的基底面积占本地块全部建筑基底面积的比例（建筑密度的计算依据）。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="70"/>
        <source>The counted floor area the building brings this parcel, as a share of the parcel&apos;s counted floor area (what FAR counts).</source>
        <translation>该建筑计入本地块的计容建筑面积占本地块计容建筑面积的比例（容积率的计算依据）。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="73"/>
        <source>No building stands on this parcel.</source>
        <translation>本地块内无建筑。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="74"/>
        <location filename="../../planner/report/opinion.py" line="46"/>
        <source>Findings</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="75"/>
        <source>No findings on this parcel.</source>
        <translation>本地块无不符合项或提示。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="76"/>
        <location filename="../../planner/gui/violations.py" line="77"/>
        <source>noted</source>
        <translation>已批注</translation>
    </message>
    <message>
        <location filename="../../planner/gui/inspector.py" line="77"/>
        <location filename="../../planner/gui/violations.py" line="78"/>
        <source>accepted as exception</source>
        <translation>同意作为例外</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="68"/>
        <source>Actual</source>
        <translation>方案值</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="69"/>
        <source>Limit</source>
        <translation>控制值</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="70"/>
        <source>Marginal</source>
        <translation>临界</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="71"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="72"/>
        <source>Review</source>
        <translation>审查状态</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="76"/>
        <source>open</source>
        <extracomment>A finding&apos;s review state (planner.review): no note yet, a note written, accepted as an approved exception.</extracomment>
        <translation>待审查</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="79"/>
        <source>All review states</source>
        <translation>全部审查状态</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="80"/>
        <source>Open</source>
        <translation>待审查</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="81"/>
        <source>Reviewed (noted or accepted)</source>
        <translation>已审查（已批注或同意例外）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="82"/>
        <source>Noted</source>
        <translation>已批注</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="83"/>
        <source>Accepted as exception</source>
        <translation>同意作为例外</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="98"/>
        <source>Filter: parcel, building or words</source>
        <translation>筛选：地块、建筑或文字</translation>
    </message>
    <message>
        <location filename="../../planner/gui/finding_table.py" line="38"/>
        <source>warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../planner/gui/finding_table.py" line="39"/>
        <source>marginal</source>
        <translation>临界</translation>
    </message>
    <message>
        <location filename="../../planner/gui/finding_table.py" line="40"/>
        <source>{count} parcels</source>
        <translation>{count} 个地块</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="87"/>
        <source>All severities</source>
        <extracomment>Tints of the Review cell: a reviewed finding looks reviewed at a glance.</extracomment>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="90"/>
        <source>Warnings about parcels the scheme does not touch</source>
        <translation>方案未涉及地块的警告</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="93"/>
        <source>Warnings about parcels the scheme does not touch ({count}, hidden): show</source>
        <extracomment>The button under the filters: warnings about parcels the scheme does not touch are hidden unless asked for.</extracomment>
        <translation>方案未涉及地块的警告{count}条（已隐藏）：显示</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="95"/>
        <source>Warnings about parcels the scheme does not touch ({count}): hide</source>
        <translation>方案未涉及地块的警告{count}条：隐藏</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="96"/>
        <source>All rules</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <location filename="../../planner/gui/violations.py" line="97"/>
        <source>{shown} of {total} findings</source>
        <translation>共 {total} 项，显示 {shown} 项</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="32"/>
        <location filename="../../planner/report/document.py" line="249"/>
        <location filename="../../planner/report/opinion.py" line="52"/>
        <source>Finding</source>
        <translation>审查项</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="33"/>
        <source>Select a finding in the table to write a note on it.</source>
        <translation>请在审查结果表中选择一项，以填写备注。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="34"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="35"/>
        <source>Your note on this finding</source>
        <translation>对此项的备注</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="36"/>
        <source>Accepted (approved exception)</source>
        <translation>同意作为例外</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="37"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="38"/>
        <source>Basis: approval no., meeting minutes</source>
        <translation>依据：批复文号、会议纪要等</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="39"/>
        <source>An accepted finding needs a reason.</source>
        <translation>同意作为例外须填写理由。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="40"/>
        <location filename="../../planner/report/document.py" line="88"/>
        <source>Reviewer</source>
        <translation>审查人</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="41"/>
        <source>Your name</source>
        <translation>审查人姓名</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="42"/>
        <location filename="../../planner/report/document.py" line="342"/>
        <location filename="../../planner/report/opinion.py" line="60"/>
        <source>Overall opinion</source>
        <translation>总体审查意见</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="43"/>
        <source>The review opinion on the whole scheme</source>
        <translation>对整个方案的审查意见</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="44"/>
        <source>Violation: {name}</source>
        <translation>不符合项：{name}</translation>
    </message>
    <message>
        <location filename="../../planner/gui/review_panel.py" line="45"/>
        <source>Warning: {name}</source>
        <translation>提示：{name}</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="67"/>
        <source>Regulatory plan compliance report</source>
        <translation>控规符合性审查报告</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="70"/>
        <source>Check of a building scheme against the regulatory detailed plan</source>
        <translation>建设项目方案与控制性详细规划符合性审查</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="73"/>
        <source>Authority</source>
        <translation>审查机关</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="76"/>
        <source>Scheme</source>
        <translation>报建方案</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="24"/>
        <source>Planning conditions of parcel {parcel}</source>
        <translation>地块{parcel}规划条件</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="25"/>
        <source>Planning conditions · parcel {parcel}</source>
        <translation>规划条件 · 地块{parcel}</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="27"/>
        <source>Site area</source>
        <translation>用地面积</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="29"/>
        <location filename="../../planner/report/document.py" line="79"/>
        <source>Regulatory plan</source>
        <translation>控制性详细规划</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="30"/>
        <source>Approval number</source>
        <translation>批复文号</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="31"/>
        <source>Approved on</source>
        <translation>批复时间</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="32"/>
        <source>Planning indicators</source>
        <translation>规划控制指标</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="33"/>
        <source>Setbacks and control lines</source>
        <translation>退线与控制线</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="35"/>
        <source>As written in the plan</source>
        <translation>规划原文</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="36"/>
        <source>As read by Planner</source>
        <translation>Planner 识别结果</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="38"/>
        <source>cannot be read: see the plan&apos;s drawings (图则)</source>
        <translation>无法识别，以规划图则为准</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="39"/>
        <source>Setback from the road red line stated for the parcel: {distance}.</source>
        <translation>规划确定的该地块后退道路红线距离：{distance}。</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="40"/>
        <source>The plan states no setback for the parcel: the setback table of the road&apos;s class applies.</source>
        <translation>规划未规定该地块的退线距离，按道路等级适用退线距离表。</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="42"/>
        <source>Control line</source>
        <translation>控制线</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="43"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="44"/>
        <source>Where</source>
        <translation>位置关系</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="45"/>
        <source>Setback stated on the line</source>
        <translation>控制线标注的退让距离</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="46"/>
        <source>runs through or covers part of the parcel</source>
        <translation>穿越或覆盖地块的一部分</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="47"/>
        <source>on the parcel&apos;s boundary</source>
        <translation>位于地块边界上</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="48"/>
        <source>covers {area} of the parcel</source>
        <translation>覆盖地块{area}</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="49"/>
        <source>No control line or zone of the files given touches the parcel.</source>
        <translation>所提供的控制线文件中，没有与该地块相接的控制线或控制区。</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="50"/>
        <source>No control-line file was given (--lines): the control lines are not listed.</source>
        <translation>未提供控制线文件（--lines），本条件书未列出控制线。</translation>
    </message>
    <message>
        <location filename="../../planner/report/conditions.py" line="52"/>
        <source>Read from the plan layer {file} (layer {layer}, SHA-256 {sha}) by Planner; the conditions are those the issuing authority signs.</source>
        <translation>以上内容由 Planner 从规划图层 {file}（图层 {layer}，SHA-256 {sha}）读取；规划条件以出具机关签章为准。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/field_mapping.py" line="71"/>
        <location filename="../../planner/report/document.py" line="82"/>
        <source>Plan version</source>
        <translation>控规版本</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="85"/>
        <location filename="../../planner/report/opinion.py" line="67"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="91"/>
        <source>Overall verdict</source>
        <translation>审查结论</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="94"/>
        <source>Overview map</source>
        <translation>总览图</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="97"/>
        <source>Parcels the scheme touches</source>
        <translation>方案涉及地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="100"/>
        <source>Violating parcels</source>
        <translation>不符合地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="103"/>
        <source>Findings on no parcel</source>
        <translation>不属于任何地块的不符合项</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="109"/>
        <source>Inputs and provenance</source>
        <translation>输入数据及来源</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="112"/>
        <source>Counting conventions</source>
        <translation>计算规则</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="115"/>
        <source>Review opinion and signature</source>
        <translation>审查意见及签章</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="118"/>
        <source>Overall verdict: the scheme does not comply with the plan.</source>
        <translation>审查结论：方案不符合控规要求。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="123"/>
        <source>Overall verdict: the scheme complies with the plan.</source>
        <translation>审查结论：方案符合控规要求。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="126"/>
        <source>{violations} findings; {violating} of the {checked} parcels the scheme touches are in breach.</source>
        <translation>共{violations}项不符合项；方案涉及的{checked}宗地块中有{violating}宗不符合控规。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="130"/>
        <source>No findings on the {checked} parcels the scheme touches.</source>
        <translation>方案涉及的{checked}宗地块均未发现不符合项。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="133"/>
        <source>{warnings} warnings are listed in the Warnings section: read them before relying on this verdict.</source>
        <translation>另有{warnings}条提示列于“提示”一节，采信本结论前请先阅读。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="147"/>
        <source>{count} ({marginal} marginal)</source>
        <translation>{count}（其中临界{marginal}）</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="150"/>
        <source>The parcels the scheme touches; violating parcels and the buildings named in findings in red.</source>
        <translation>方案涉及的地块；不符合地块及不符合项涉及的建筑以红色表示。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="154"/>
        <source>Parcel {parcel} (thick outline) and the buildings on it.</source>
        <translation>地块 {parcel}（粗线框）及其上的建筑。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="157"/>
        <source>No map: the layers were not given to the report.</source>
        <translation>无图：未向报告提供图层。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="191"/>
        <source>Land use {code}; site area {site}; counted floor area {gfa}; footprints {footprint}; green area (weighted) {green}.</source>
        <translation>用地性质 {code}；用地面积 {site}；计容建筑面积 {gfa}；建筑基底面积 {footprint}；绿地面积（折算） {green}。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="195"/>
        <source>Buildings: {buildings}.</source>
        <translation>建筑：{buildings}。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="201"/>
        <source>Finding {number}</source>
        <translation>第{number}项</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="204"/>
        <source>marginal breach</source>
        <translation>临界超标</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="305"/>
        <source>The measurements in this annex were computed by Planner {version} on {time} (local time); the conclusion is that of the signing officials.</source>
        <translation>本附件的测算数据由 Planner {version} 于 {time}（本地时间）计算得出；审查结论以签署人员的意见为准。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="314"/>
        <source>Counted floor area (计容面积): a building&apos;s stated counted area when present; otherwise its footprint × the sum of its above-ground storey coefficients: a storey 2.20 m high or more counts 1, a lower one 0.5 (GB/T 50353-2013, 3.0.1); storeys without a stated height count 1.</source>
        <translation>计容建筑面积：有注明的计容面积时取其值；否则为基底面积 × 地上各层系数之和：层高 2.20 m 及以上的楼层计 1，不足 2.20 m 的计 0.5（GB/T 50353-2013 第 3.0.1 条）；未注明层高的楼层计 1。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="137"/>
        <source>Review: {accepted} of the {count} findings accepted as approved exceptions.</source>
        <translation>审查：{count}项不符合项中，{accepted}项经审查认定为批准的例外。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="121"/>
        <source>Overall verdict: no findings, but the check is not complete, so the scheme is not found compliant.</source>
        <translation>总体结论：未发现不符合项，但审查未完成，不能认定方案符合控规。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="144"/>
        <source>Number of findings</source>
        <translation>不符合项数</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="198"/>
        <source>Findings on this parcel</source>
        <translation>本地块不符合项</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="207"/>
        <source>Accepted by the reviewer as an approved exception.</source>
        <translation>审查人认定为批准的例外。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="210"/>
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="213"/>
        <source>Reviewer&apos;s note: {note}</source>
        <translation>审查备注：{note}</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="216"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="219"/>
        <source>What the engine did</source>
        <translation>处理说明</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="222"/>
        <source>None: every input was read as written.</source>
        <translation>无：全部输入数据均按原样读取。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="225"/>
        <source>Reviewer&apos;s notes on findings no longer found</source>
        <translation>已不存在的不符合项的审查备注</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="228"/>
        <source>Findings that depend on the plan version</source>
        <translation>随规划版本变化的审查结论</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="231"/>
        <source>The scheme was also checked against the plan version {old}. Under the version in force ({new}), {appeared} findings appear, {disappeared} disappear and {changed} change; {unchanged} are the same under both.</source>
        <translation>本方案同时按规划版本 {old} 进行了审查。在现行版本（{new}）下，新出现 {appeared} 项审查结论，消失 {disappeared} 项，变化 {changed} 项；{unchanged} 项在两个版本下相同。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="236"/>
        <source>The scheme was also checked against the plan version {old}: every verdict is the same under both versions.</source>
        <translation>本方案同时按规划版本 {old} 进行了审查：两个版本下的审查结论完全相同。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="252"/>
        <source>Findings on the other {count} violating parcels</source>
        <translation>其余 {count} 个违规地块的不符合项</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="256"/>
        <source>Under the version in force</source>
        <translation>现行版本下</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="259"/>
        <source>Under the other version</source>
        <translation>另一版本下</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="262"/>
        <source>Appears</source>
        <translation>新出现</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="263"/>
        <source>Disappears</source>
        <translation>消失</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="264"/>
        <source>Changes</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="267"/>
        <source>Other plan version</source>
        <translation>对比规划版本</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="270"/>
        <source>These notes were written on findings that this check no longer reports (the scheme or the plan has changed); they are kept as part of the record.</source>
        <translation>以下备注所针对的不符合项在本次审查中已不再出现（方案或控规已变更），作为审查记录予以保留。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="275"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="278"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="287"/>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="290"/>
        <source>Plan parcels</source>
        <translation>控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="299"/>
        <source>No green layer was given: green ratio is not assessed.</source>
        <translation>未提供绿地图层：不评估绿地率。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="302"/>
        <source>Working coordinate system (areas in m², lengths in m): {crs}.</source>
        <translation>计算坐标系（面积单位 m²，长度单位 m）：{crs}。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="796"/>
        <source>Technical and economic indicators: declared and measured</source>
        <extracomment>Image width in CSS pixels (1/96 inch): the 180 mm between A4 margins of 15 mm. Wider pages keep it; narrower ones shrink it (_fit_images). Header cells have this background; after setHtml, tables whose first cell has it repeat their first row. A small vertical gap between two tables that would otherwise touch. Detail pages (with a map) are made for at most this many violating parcels unless the caller asks for more; the findings on the others are listed in one table (`planner check --max-detail-maps`). A table of more rows than this (the parcels of a city, its warnings, the findings on parcels without a detail page) is painted row by row (pages.TablePart) instead of laid out by QTextDocument. The parcels and warnings tables of more rows than this are painted row by row too, and what follows goes on below them: QTextDocument lays a table out whole, in one call that holds Python&apos;s GIL (200 rows about 100 ms), while the window&apos;s thread waits for it. How to draw each map of the current part, by resource name. The part being collected goes on below the one before it, on the same page (HtmlPart.follows).</extracomment>
        <translation>技术经济指标：申报值与实测值</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="310"/>
        <source>unknown (local planar metres)</source>
        <translation>未知（局部平面坐标，单位米）</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="318"/>
        <source>Underground storeys never count toward FAR.</source>
        <translation>地下层一律不计入容积率。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="319"/>
        <source>A building in several parcels gives each parcel the share of its counted area that its footprint has there.</source>
        <translation>跨越多个地块的建筑，按其基底在各地块内的面积比例将计容建筑面积分摊到各地块。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="321"/>
        <source>FAR = counted floor area / site area, the site area being the parcel polygon&apos;s area.</source>
        <translation>容积率 = 计容建筑面积 / 用地面积，用地面积为地块多边形的面积。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="323"/>
        <source>Building density = area of the union of the footprints inside the parcel / site area: overlaps count once, holes not at all.</source>
        <translation>建筑密度 = 地块内建筑基底合并后的面积 / 用地面积：重叠部分只计一次，内部空洞不计。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="325"/>
        <source>Height = the largest stated height of a building on the parcel (the sum of its storey heights when none is stated).</source>
        <translation>建筑高度 = 地块内各建筑注明高度的最大值（未注明高度时取其各层层高之和）。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="327"/>
        <source>Green ratio = green area inside the parcel weighted by each area&apos;s counting factor (折算系数), overlaps once, / site area; without a green layer it is not assessed.</source>
        <translation>绿地率 = 地块内绿地按各自折算系数加权后的面积（重叠部分只计一次）/ 用地面积；未提供绿地图层时不评估。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="330"/>
        <source>Limits are closed intervals: a value equal to its limit complies. A bare number is a maximum for FAR, density and height and a minimum for green ratio; empty, &quot;—&quot; or &quot;/&quot; means not controlled.</source>
        <translation>控制值为闭区间：等于控制值即为符合。只写一个数值时，容积率、建筑密度和建筑高度视为上限，绿地率视为下限；空白、“—”或“/”表示不控制。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="333"/>
        <source>Values are compared at full precision. A breach that would pass once rounded half-up to the precision shown (FAR 0.01, ratios 0.1 %, heights 0.1 m) is still a breach, marked marginal.</source>
        <translation>按完整精度比较。按显示精度（容积率 0.01、比率 0.1%、高度 0.1 m）四舍五入后即可通过的超标仍属超标，标注为临界。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="336"/>
        <source>Pieces of a footprint under 1 m² in a parcel are digitising slivers: they do not make a building cross a parcel boundary or stand outside the plan, but their area counts where it lies.</source>
        <translation>建筑基底落在某地块内不足 1 m² 的碎片视为数字化误差：不据此认定建筑跨越地块边界或超出规划范围，但其面积仍计入所在地块。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="345"/>
        <location filename="../../planner/report/opinion.py" line="66"/>
        <source>Signature</source>
        <translation>签字</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="348"/>
        <source>Authority (seal)</source>
        <translation>审查机关（盖章）</translation>
    </message>
    <message>
        <location filename="../../planner/report/pages.py" line="41"/>
        <source>Page {page} of {pages}</source>
        <extracomment>Table headers&apos; background, in the HTML and again when a header row repeats on the next page.</extracomment>
        <translation>第 {page} / {pages} 页</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="32"/>
        <source>Parcel with violations</source>
        <translation>有违规的地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="33"/>
        <source>Parcel passes</source>
        <translation>合规地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="34"/>
        <source>Parcel not assessed</source>
        <translation>未评估地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="35"/>
        <source>Parcel partly checked (not compliant until checked)</source>
        <translation>部分指标未审查的地块（审查完成前不视为合规）</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="36"/>
        <source>Parcel untouched by the scheme</source>
        <translation>方案未涉及的地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="37"/>
        <source>Building named in a finding</source>
        <translation>审查意见涉及的建筑</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="39"/>
        <source>Green area</source>
        <translation>绿地</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="40"/>
        <source>Parcel of this section</source>
        <translation>本节所述地块</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="41"/>
        <source>Road red line</source>
        <translation>道路红线</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="42"/>
        <source>Green line</source>
        <translation>绿线</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="43"/>
        <source>Blue line</source>
        <translation>蓝线</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="44"/>
        <source>Purple line</source>
        <translation>紫线</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="45"/>
        <source>Yellow line</source>
        <translation>黄线</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="46"/>
        <source>Ecological red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="47"/>
        <source>Basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="48"/>
        <source>Building control line</source>
        <translation>建筑控制线</translation>
    </message>
    <message>
        <location filename="../../planner/report/symbology.py" line="49"/>
        <source>Measured setback distance</source>
        <translation>实测退线距离</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="354"/>
        <source>Control lines and zones on the map: {kinds}.</source>
        <translation>图中的控制线与控制区：{kinds}。</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="357"/>
        <source>Measured setback distances (dashed orange): {measures}.</source>
        <translation>实测退线距离（橙色虚线）：{measures}。</translation>
    </message>
    <message>
        <location filename="../../planner/report/maps.py" line="55"/>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <location filename="../../planner/report/notice.py" line="28"/>
        <source>Notice of everything to correct (one-time notice)</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <location filename="../../planner/report/notice.py" line="29"/>
        <source>The building scheme of the project &quot;{project}&quot; (case {number}) was checked against {plan}. The following {count} items must be corrected; this notice lists all of them at once:</source>
        <translation>你单位报送的“{project}”建设工程设计方案（受理号：{number}）经对照{plan}审查，存在以下{count}项问题需要修改，现一次性告知如下：</translation>
    </message>
    <message>
        <location filename="../../planner/report/notice.py" line="32"/>
        <source>The building scheme of the project &quot;{project}&quot; (case {number}) was checked against {plan}; nothing needs to be corrected.</source>
        <translation>你单位报送的“{project}”建设工程设计方案（受理号：{number}）经对照{plan}审查，未发现需要修改的问题。</translation>
    </message>
    <message>
        <location filename="../../planner/report/notice.py" line="34"/>
        <source>Please resubmit the corrected scheme by {date} ({days} working days from the date of this notice), with a statement of how each item was corrected.</source>
        <translation>请于{date}前（自本告知书出具之日起{days}个工作日内）将修改后的方案重新报送，并逐项说明修改情况。</translation>
    </message>
    <message>
        <location filename="../../planner/report/notice.py" line="37"/>
        <source>Case officer: {officer}</source>
        <translation>经办人：{officer}</translation>
    </message>
    <message>
        <location filename="../../planner/report/notice.py" line="38"/>
        <source>Telephone: ____________</source>
        <translation>联系电话：____________</translation>
    </message>
    <message>
        <location filename="../../planner/report/notice.py" line="39"/>
        <source>{count} findings accepted by the reviewing official as approved exceptions are not listed.</source>
        <translation>另有{count}项经审查人员认定为经批准的例外情形，不再列出。</translation>
    </message>
    <message>
        <location filename="../../planner/report/notice.py" line="41"/>
        <source>One-time notice · case {number}</source>
        <translation>一次性告知书 · 受理号 {number}</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="40"/>
        <source>Statutory deadline</source>
        <translation>法定办结期限</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="41"/>
        <source>{date} (estimated: the official holidays of that year are not published yet; only weekends were left out)</source>
        <translation>{date}（估算：当年法定节假日尚未公布，仅扣除了周末）</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="43"/>
        <source>(seal)</source>
        <translation>（盖章）</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="46"/>
        <source>Declared</source>
        <translation>申报值</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="47"/>
        <source>Measured</source>
        <translation>实测值</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="48"/>
        <source>Plan limit</source>
        <translation>规划控制值</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="49"/>
        <source>Tolerance</source>
        <translation>允许误差</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="50"/>
        <source>Declared vs measured</source>
        <translation>核对结果</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="51"/>
        <source>matches</source>
        <translation>相符</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="51"/>
        <source>differs</source>
        <translation>不符</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="52"/>
        <source>not measured</source>
        <translation>未实测</translation>
    </message>
    <message>
        <location filename="../../planner/report/official.py" line="53"/>
        <source>not declared</source>
        <translation>未申报</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="1427"/>
        <location filename="../../planner/report/opinion.py" line="36"/>
        <source>Review opinion</source>
        <translation>审查意见书</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="37"/>
        <source>Review opinion · case {number}</source>
        <translation>审查意见书 · 受理号 {number}</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="38"/>
        <source>Basis of the review</source>
        <translation>审查依据</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="39"/>
        <source>Regulatory plan: {plan}</source>
        <translation>控制性详细规划：{plan}</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="40"/>
        <source>Approval number: {approval}; approved on {date}</source>
        <translation>批复文号：{approval}；批复时间：{date}</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="41"/>
        <source>Plan version: {version}</source>
        <translation>规划版本：{version}</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="42"/>
        <source>Scheme checked: {file} (layer {layer}, SHA-256 {sha})</source>
        <translation>送审方案：{file}（图层 {layer}，SHA-256 {sha}）</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="43"/>
        <source>The parcels&apos; planning conditions (规划条件) as the plan layer states them: see the technical annex.</source>
        <translation>各地块规划条件以规划图层所载为准，详见技术附件。</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="45"/>
        <source>Technical and economic indicators</source>
        <translation>技术经济指标</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="47"/>
        <source>The check found nothing that breaks the plan.</source>
        <translation>经审查，未发现不符合规划的情形。</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="49"/>
        <source>Buildings and control lines</source>
        <translation>建筑与控制线</translation>
    </message>
    <message>
        <location filename="../../planner/report/document.py" line="246"/>
        <location filename="../../planner/report/opinion.py" line="50"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="53"/>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="54"/>
        <source>Official&apos;s note</source>
        <translation>审查人员意见</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="55"/>
        <source>Accepted as an approved exception: {reason}</source>
        <translation>认定为经批准的例外情形：{reason}</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="56"/>
        <source>Against the previous submission</source>
        <translation>与上次报送方案对比</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="57"/>
        <source>Fixed ({count})</source>
        <translation>已整改（{count}项）</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="58"/>
        <source>Still open ({count})</source>
        <translation>仍未整改（{count}项）</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="59"/>
        <source>New ({count})</source>
        <translation>新增问题（{count}项）</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="61"/>
        <source>Case officer (经办)</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="62"/>
        <source>Reviewed by (审核)</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="63"/>
        <source>Approved by (审定)</source>
        <translation>审定人</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="64"/>
        <source>Sign-off</source>
        <translation>签署</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="65"/>
        <source>Name of the official</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="68"/>
        <source>____ / __ / __</source>
        <translation>____年__月__日</translation>
    </message>
    <message>
        <location filename="../../planner/report/opinion.py" line="69"/>
        <source>Annex: the technical report, whose measurements were computed by Planner; the conclusion is that of the officials who sign this opinion.</source>
        <translation>附件：技术审查报告（测算数据由 Planner 计算得出，审查结论以本意见书签署人员的意见为准）。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="46"/>
        <source>Load &amp;existing buildings…</source>
        <translation>载入现状建筑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="47"/>
        <source>Sunlight &amp;standard…</source>
        <translation>日照标准(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="48"/>
        <source>Sunlight standard</source>
        <translation>日照标准</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="49"/>
        <source>Choose a city of resources/sunlight.toml, or the building climate zone (建筑气候区划) and the city size. Without a choice, sunlight is not analysed.</source>
        <translation>请选择 resources/sunlight.toml 中的城市，或选择建筑气候区划和城市规模。未选择时不进行日照分析。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="52"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="53"/>
        <source>Climate zone</source>
        <translation>建筑气候区划</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="54"/>
        <source>City size</source>
        <translation>城市规模</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="55"/>
        <source>(none: sunlight not analysed)</source>
        <translation>（不选择：不进行日照分析）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="56"/>
        <source>(by climate zone and city size)</source>
        <translation>（按建筑气候区划和城市规模）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="57"/>
        <source>Sunlight on facades</source>
        <translation>立面日照</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="59"/>
        <source>Facade sun &lt; 1 h</source>
        <translation>立面日照不足1小时</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="60"/>
        <source>Facade sun 1-2 h</source>
        <translation>立面日照1至2小时</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="61"/>
        <source>Facade sun 2-3 h (below its standard)</source>
        <translation>立面日照2至3小时（低于其标准）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="62"/>
        <source>Facade sun ≥ its standard</source>
        <translation>立面日照满足其标准</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="63"/>
        <source>Existing building</source>
        <translation>现状建筑</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="64"/>
        <source>Sunlight of {building}</source>
        <translation>{building}的日照</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="65"/>
        <source>scheme building</source>
        <translation>方案建筑</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="66"/>
        <source>existing building</source>
        <translation>现状建筑</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="67"/>
        <source>facing {facing}: least {hours}, {length} below the standard</source>
        <translation>朝向{facing}：最少{hours}，{length}不满足标准</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="68"/>
        <source> (without the scheme: least {hours})</source>
        <translation>（无本方案时最少{hours}）</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="69"/>
        <source>{count} other facades are not held to the standard: they face away from the south, or would not get it with nothing around them.</source>
        <translation>其余 {count} 个立面不要求满足日照标准：其朝向背离南向，或周边无遮挡时也达不到标准。</translation>
    </message>
    <message>
        <location filename="../../planner/gui/sunlight_layer.py" line="71"/>
        <source>{building} does not need sun, or is out of reach of the scheme&apos;s shadows: it was not analysed.</source>
        <translation>{building}不需要日照，或不在本方案阴影范围内，未进行分析。</translation>
    </message>
</context>
</TS>
