<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>messages</name>
    <message>
        <location filename="../../planner/cli.py" line="169"/>
        <source>Plan</source>
        <extracomment>Characters a terminal draws two columns wide (CJK, Hangul, full-width forms).</extracomment>
        <translation>控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="169"/>
        <source>Buildings</source>
        <translation>方案建筑</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="170"/>
        <source>Green areas</source>
        <translation>方案绿地</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="171"/>
        <source>Parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="171"/>
        <source>Land use</source>
        <translation>用地性质</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="172"/>
        <location filename="../../planner/messages.py" line="45"/>
        <source>FAR</source>
        <translation>容积率</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="172"/>
        <source>Density</source>
        <translation>建筑密度</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="173"/>
        <source>Height</source>
        <translation>建筑高度</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="173"/>
        <source>Green ratio</source>
        <translation>绿地率</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="174"/>
        <source>Status</source>
        <translation>审查结果</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="191"/>
        <source>violation</source>
        <extracomment>Summary columns: indicator, the ParcelTable column of its achieved value, the prefix of its rules.</extracomment>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="192"/>
        <source>pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="202"/>
        <source>Working CRS</source>
        <translation>计算坐标系</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="210"/>
        <source>Violations</source>
        <translation>不符合项</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="215"/>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../planner/cli.py" line="218"/>
        <source>{violations} violations on {parcels_violating} of {parcels_checked} parcels; {warnings} warnings.</source>
        <translation>共审查地块{parcels_checked}宗，其中{parcels_violating}宗存在不符合项，合计{violations}项；提示{warnings}条。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="31"/>
        <source>FAR above maximum</source>
        <translation>容积率超过上限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="32"/>
        <source>FAR below minimum</source>
        <translation>容积率低于下限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="33"/>
        <source>Building density above maximum</source>
        <translation>建筑密度超过上限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="34"/>
        <source>Building density below minimum</source>
        <translation>建筑密度低于下限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="35"/>
        <source>Height above limit</source>
        <translation>建筑高度超过限高</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="36"/>
        <source>Height below minimum</source>
        <translation>建筑高度低于下限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="37"/>
        <source>Green ratio below minimum</source>
        <translation>绿地率低于下限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="38"/>
        <source>Green ratio above maximum</source>
        <translation>绿地率超过上限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="39"/>
        <source>Use not allowed by land use</source>
        <translation>建筑用途不符合用地性质</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="40"/>
        <source>Building crosses a parcel boundary</source>
        <translation>建筑跨越地块边界</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="41"/>
        <source>Building outside the plan</source>
        <translation>建筑超出规划地块范围</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="46"/>
        <source>building density</source>
        <translation>建筑密度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="47"/>
        <source>height</source>
        <translation>建筑高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="48"/>
        <source>green ratio</source>
        <translation>绿地率</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="52"/>
        <source>Parcel {parcel}: FAR {actual} exceeds the maximum {bound}.</source>
        <translation>地块{parcel}：容积率{actual}，超过上限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="53"/>
        <source>Parcel {parcel}: FAR {actual} is below the minimum {bound}.</source>
        <translation>地块{parcel}：容积率{actual}，低于下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="54"/>
        <source>Parcel {parcel}: building density {actual} exceeds the maximum {bound}.</source>
        <translation>地块{parcel}：建筑密度{actual}，超过上限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="56"/>
        <source>Parcel {parcel}: building density {actual} is below the minimum {bound}.</source>
        <translation>地块{parcel}：建筑密度{actual}，低于下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="58"/>
        <source>Parcel {parcel}: the tallest building is {actual}, above the limit {bound}.</source>
        <translation>地块{parcel}：最高建筑高度{actual}，超过限高{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="60"/>
        <source>Parcel {parcel}: the tallest building is {actual}, below the minimum {bound}.</source>
        <translation>地块{parcel}：最高建筑高度{actual}，低于高度下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="62"/>
        <source>Parcel {parcel}: green ratio {actual} is below the minimum {bound}.</source>
        <translation>地块{parcel}：绿地率{actual}，低于下限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="63"/>
        <source>Parcel {parcel}: green ratio {actual} exceeds the maximum {bound}.</source>
        <translation>地块{parcel}：绿地率{actual}，超过上限{bound}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="64"/>
        <source>Building {building} ({use}) stands on parcel {parcel}, whose land use {code} does not allow it.</source>
        <translation>建筑{building}（{use}）位于地块{parcel}，该地块用地性质为{code}，不允许建设该类建筑。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="67"/>
        <source>Building {building} stands in {count} parcels: {parcels}.</source>
        <translation>建筑{building}跨越{count}宗地块：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="68"/>
        <source>Building {building}: {area} of its {footprint} footprint lies on no parcel of the plan.</source>
        <translation>建筑{building}：基底面积{footprint}，其中{area}未落在本规划任何地块内。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="72"/>
        <source>Marginal: {shown} when rounded, but the exact value {exact} breaches.</source>
        <translation>临界情况：修约后为{shown}，但精确值{exact}不符合控制要求。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="75"/>
        <source>{path} layer {layer}: feature {fid} has no {field}; it is called #{fid}.</source>
        <translation>{path}图层“{layer}”：要素{fid}的“{field}”为空，暂以#{fid}标识。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="77"/>
        <source>{path} layer {layer}: feature {fid} {who}had an invalid polygon ({reason}); it was repaired and checked.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}的多边形无效（{reason}），已自动修复并纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="79"/>
        <source>{path} layer {layer}: feature {fid} {who}has an invalid polygon ({reason}) that could not be repaired; it is not checked.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}的多边形无效（{reason}）且无法修复，未纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="82"/>
        <source>{path} layer {layer}: feature {fid} {who}has no geometry; it is not checked.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}无几何图形，未纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="84"/>
        <source>{path} layer {layer}: feature {fid} {who}is a {geometry_type}, not a polygon; it is not checked.</source>
        <translation>{path}图层“{layer}”：要素{fid}{who}为{geometry_type}，不是面要素，未纳入审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="86"/>
        <source>{path} layer {layer}: parcel id {parcel} is used by {count} parcels; each is checked on its own.</source>
        <translation>{path}图层“{layer}”：地块编号{parcel}由{count}宗地块重复使用，已逐宗分别审查。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="88"/>
        <source>Building {building} stands where parcels {parcels} of the plan overlap: {area} m² of it counts on more than one parcel.</source>
        <translation>建筑{building}位于控规地块{parcels}的重叠处：其中{area} m²被重复计入多宗地块。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="91"/>
        <source>{path} layer {layer}: no land-use field was found; land use is not checked.</source>
        <translation>{path}图层“{layer}”：未找到用地性质字段，不审查用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="93"/>
        <source>Parcel {parcel}: field {field} reads &quot;{text}&quot;, which cannot be read as a limit ({reason}); {indicator} is not assessed on this parcel.</source>
        <translation>地块{parcel}：字段“{field}”的值为“{text}”，无法识别为控制指标（{reason}），该地块不审查{indicator}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="96"/>
        <source>{path} layer {layer}: {count} values of field {field} have no % sign and were read as percentages (e.g. 35 = 35%): {parcels}.</source>
        <translation>{path}图层“{layer}”：字段“{field}”中有{count}个值未带%号，已按百分数读取（如35即35%）：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="99"/>
        <source>{path} layer {layer}: {count} values of field {field} are a bare 0, read as not controlled: {parcels}.</source>
        <translation>{path}图层“{layer}”：字段“{field}”中有{count}个值为0，按不控制处理：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="101"/>
        <source>Parcel {parcel}: the {indicator} limits &quot;{text}&quot; contradict each other; {indicator} is not assessed.</source>
        <translation>地块{parcel}：{indicator}控制值“{text}”上下限相互矛盾，不审查{indicator}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="103"/>
        <source>{path} layer {layer}: no building-id field; buildings are called by feature number.</source>
        <translation>{path}图层“{layer}”：未找到建筑编号字段，建筑以要素序号标识。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="105"/>
        <source>Building {building}: field {field} reads &quot;{text}&quot;, which is not a number; it is not used.</source>
        <translation>建筑{building}：字段“{field}”的值为“{text}”，不是数值，未予采用。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="107"/>
        <source>Building {building} has neither storeys nor a counted floor area; it counts 0 toward FAR.</source>
        <translation>建筑{building}既无层数也无计容面积，计入容积率的建筑面积按0计。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="109"/>
        <source>Building {building} has neither a height nor storey heights; its height is not assessed.</source>
        <translation>建筑{building}既无建筑高度也无层高，不审查其建筑高度。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="111"/>
        <source>{path} layer {layer}: no building-use field; land use is not checked.</source>
        <translation>{path}图层“{layer}”：未找到建筑用途字段，不审查用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="113"/>
        <source>{path} layer {layer}: green area {green} has factor &quot;{text}&quot; in field {field}, not a number from 0 to 1; it counts 0.</source>
        <translation>{path}图层“{layer}”：绿地{green}的字段“{field}”中折算系数为“{text}”，不是0至1之间的数值，按0计。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="116"/>
        <source>{path} has no coordinate system; its coordinates look metric and are taken to be in {crs}.</source>
        <translation>{path}未定义坐标系；根据坐标值判断为米制坐标，按{crs}处理。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="118"/>
        <source>{path} was reprojected from {from} to {to} for measuring.</source>
        <translation>{path}已由{from}投影转换至{to}后进行量算。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="119"/>
        <source>No building of {path} touches any parcel: is the coordinate system right?</source>
        <translation>{path}中没有任何建筑与规划地块相交，请核实坐标系是否正确。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="121"/>
        <source>Building {building}: use &quot;{text}&quot; is not in the land-use table; its land use is not checked.</source>
        <translation>建筑{building}：用途“{text}”不在用地分类对照表中，不审查其用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="123"/>
        <source>Parcel {parcel}: land-use code &quot;{text}&quot; is not in the land-use table; land use is not checked there.</source>
        <translation>地块{parcel}：用地代码“{text}”不在用地分类对照表中，该地块不审查用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="125"/>
        <source>Parcel {parcel} has no land-use code; land use is not checked there.</source>
        <translation>地块{parcel}缺少用地代码，该地块不审查用地性质。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="130"/>
        <source>{path}: no such file.</source>
        <translation>{path}：文件不存在。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="131"/>
        <source>{path}: cannot be read as a GIS layer ({error}).</source>
        <translation>{path}：无法作为GIS图层读取（{error}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="132"/>
        <source>{path}: has no layer &quot;{layer}&quot;; its layers are: {layers}.</source>
        <translation>{path}：不存在图层“{layer}”；现有图层为：{layers}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="133"/>
        <source>{path}: has several layers ({layers}); name the {role} layer.</source>
        <translation>{path}：包含多个图层（{layers}），请指定{role}图层。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="134"/>
        <source>{path} layer {layer}: has no features.</source>
        <translation>{path}图层“{layer}”：没有要素。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="135"/>
        <source>{path} layer {layer}: has no geometry.</source>
        <translation>{path}图层“{layer}”：没有几何图形。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="136"/>
        <source>{path} layer {layer}: has no usable polygons.</source>
        <translation>{path}图层“{layer}”：没有可用的面要素。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="137"/>
        <source>{path} layer {layer}: no {needed} field recognised (looked for {wanted}); its fields are: {fields}. Name them with --mapping.</source>
        <translation>{path}图层“{layer}”：未识别出{needed}字段（已查找{wanted}）；现有字段为：{fields}。请用--mapping指定字段名。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="140"/>
        <source>{path}: mapping [{role}] names &quot;{target}&quot;, which is not one of {targets}.</source>
        <translation>{path}：字段映射表[{role}]中的“{target}”无效，应为以下之一：{targets}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="142"/>
        <source>{path}: the mapping says [{role}] {target} = &quot;{field}&quot;, but the layer has no such field; its fields are: {fields}.</source>
        <translation>{path}：字段映射表规定[{role}] {target} = &quot;{field}&quot;，但图层中没有该字段；现有字段为：{fields}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="145"/>
        <source>{path}: the mapping file is not valid TOML ({error}).</source>
        <translation>{path}：字段映射文件不是有效的TOML格式（{error}）。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="146"/>
        <source>{path}: unknown mapping table [{role}]; use {roles}.</source>
        <translation>{path}：未知的字段映射表[{role}]，应使用以下之一：{roles}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="147"/>
        <source>{path}: has no coordinate system and its coordinates look like degrees; areas cannot be measured. Add a .prj or reproject it.</source>
        <translation>{path}：未定义坐标系，且根据坐标值判断为经纬度，无法量算面积。请补充.prj文件或进行投影转换。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="150"/>
        <source>Unexpected error: {error}.</source>
        <translation>程序发生意外错误：{error}。</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="155"/>
        <source>not a number, comparison or range</source>
        <extracomment>Why an indicator text could not be read (planner.indicators.REASONS).</extracomment>
        <translation>不是数值、比较式或区间</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="156"/>
        <source>a negative number</source>
        <translation>为负数</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="157"/>
        <source>a percentage where none belongs</source>
        <translation>该指标不应使用百分数</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="158"/>
        <source>more than 100%</source>
        <translation>超过100%</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="159"/>
        <source>the lower end is above the upper end</source>
        <translation>下限高于上限</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="160"/>
        <source>one value per use, and which applies cannot be told</source>
        <translation>按用途分列多个数值，无法判断适用哪一个</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="163"/>
        <source>plan parcel</source>
        <translation>控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="164"/>
        <source>building</source>
        <translation>建筑</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="165"/>
        <source>green area</source>
        <translation>绿地</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="168"/>
        <source>parcel-id</source>
        <extracomment>What a layer lacked when its fields could not be recognised.</extracomment>
        <translation>地块编号</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="169"/>
        <source>land-use or indicator</source>
        <translation>用地性质或控制指标</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="170"/>
        <source>storeys or counted-area</source>
        <translation>层数或计容面积</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="174"/>
        <source>reading the plan</source>
        <extracomment>Stages reported by the loaders and planner.engine.check through the progress callback.</extracomment>
        <translation>正在读取控规地块</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="175"/>
        <source>reading the buildings</source>
        <translation>正在读取方案建筑</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="176"/>
        <source>reading the green areas</source>
        <translation>正在读取方案绿地</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="177"/>
        <source>aligning coordinate systems</source>
        <translation>正在统一坐标系</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="178"/>
        <source>overlaying buildings on parcels</source>
        <translation>正在叠加建筑与地块</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="179"/>
        <source>measuring FAR, density and height</source>
        <translation>正在计算容积率、建筑密度和建筑高度</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="180"/>
        <source>measuring green ratio</source>
        <translation>正在计算绿地率</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="181"/>
        <source>checking the rules</source>
        <translation>正在审查各项指标</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="182"/>
        <source>collecting results</source>
        <translation>正在汇总结果</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="183"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="191"/>
        <source>(parcel {parcel}) </source>
        <translation>（地块{parcel}）</translation>
    </message>
    <message>
        <location filename="../../planner/messages.py" line="192"/>
        <source>(building {building}) </source>
        <translation>（建筑{building}）</translation>
    </message>
</context>
</TS>
