<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../openlic_desktop/gui/crash.py" line="66" />
        <source>OpenLic Desktop – unexpected error</source>
        <translation>OpenLic – 意外错误</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/crash.py" line="69" />
        <source>Something went wrong. Your data is safe: every change is saved as soon as it is made, and the database is backed up every day. Please copy the report below and send it to whoever supports OpenLic for you.</source>
        <translation>程序遇到了意外错误。您的数据是安全的：每次修改都会立即保存，数据库每天自动备份。请复制下面的错误报告，发送给为您提供 OpenLic 技术支持的人员。</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/crash.py" line="81" />
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/crash.py" line="85" />
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/crash.py" line="89" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/crash.py" line="96" />
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="98" />
        <location filename="../../openlic_desktop/gui/main_window.py" line="384" />
        <location filename="../../openlic_desktop/gui/main_window.py" line="387" />
        <source>OpenLic Desktop</source>
        <translation>OpenLic 专利开放许可助手</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="114" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="120" />
        <source>Search: number, title, patentee…</source>
        <translation>搜索：申请号、名称、专利权人…</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="127" />
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="134" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="174" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="174" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="174" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="175" />
        <source>&amp;Patents</source>
        <translation>专利(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="175" />
        <source>&amp;Batch</source>
        <translation>批量(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="175" />
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="176" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="179" />
        <location filename="../../openlic_desktop/gui/main_window.py" line="330" />
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="180" />
        <location filename="../../openlic_desktop/gui/main_window.py" line="324" />
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="181" />
        <source>Recent databases</source>
        <translation>最近的数据库</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="185" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="187" />
        <source>Focus search</source>
        <translation>定位到搜索框</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="188" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="189" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="190" />
        <source>Open patent</source>
        <translation>打开专利</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="192" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="198" />
        <location filename="../../openlic_desktop/gui/main_window.py" line="404" />
        <source>&amp;About OpenLic Desktop</source>
        <translation>关于 OpenLic(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="282" />
        <source>Showing %1 of %2 patents</source>
        <translation>显示 %1 件，共 %2 件</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="284" />
        <source>User: %1</source>
        <translation>操作人：%1</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="285" />
        <source>No database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="325" />
        <location filename="../../openlic_desktop/gui/main_window.py" line="331" />
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="340" />
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="352" />
        <source>The database was backed up before it was upgraded: %1</source>
        <translation>升级数据库结构前已备份：%1</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="370" />
        <source>Empty portfolio</source>
        <translation>专利组合为空</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="371" />
        <source>This database has no patents yet. Load a demo portfolio of 300 patents to look around?</source>
        <translation>此数据库中还没有专利。是否载入包含 300 件专利的演示数据以便试用？</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/main_window.py" line="378" />
        <source>Loading the demo portfolio…</source>
        <translation>正在载入演示数据…</translation>
    </message>
</context>
<context>
    <name>PortfolioModel</name>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="25" />
        <source>Invention</source>
        <translation>发明</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="26" />
        <source>Utility model</source>
        <translation>实用新型</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="27" />
        <source>Design</source>
        <translation>外观设计</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="28" />
        <source>In force</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="29" />
        <source>Pending</source>
        <translation>审中</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="30" />
        <source>Lapsed</source>
        <translation>失效</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="31" />
        <source>Expired</source>
        <translation>届满</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="32" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="33" />
        <source>Application No.</source>
        <translation>申请号</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="33" />
        <source>Title</source>
        <translation>专利名称</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="34" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="34" />
        <source>Patentees</source>
        <translation>专利权人</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="35" />
        <source>Filing date</source>
        <translation>申请日</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="36" />
        <source>Last day in force</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../openlic_desktop/gui/portfolio_model.py" line="36" />
        <source>Status</source>
        <translation>法律状态</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../openlic_desktop/gui/tasks.py" line="68" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>