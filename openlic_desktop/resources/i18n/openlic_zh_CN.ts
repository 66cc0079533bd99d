<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About OpenLic Desktop</source>
        <translation>关于 OpenLic 专利开放许可助手</translation>
    </message>
    <message>
        <source>OpenLic Desktop</source>
        <translation>OpenLic 专利开放许可助手</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Desktop tool for preparing patent open-licensing submissions to provincial IP bureaus.</source>
        <translation>为省级知识产权局准备专利开放许可申报材料的桌面工具。</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>This program uses Qt and other software by others under their own licences; the tab Third-party licences lists them with their licence texts.</source>
        <translation>本程序使用 Qt 等第三方软件，各依其许可证使用；“第三方许可声明”页列出这些软件及其许可证全文。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Third-party licences</source>
        <translation>第三方许可声明</translation>
    </message>
</context>
<context>
    <name>AddPatent</name>
    <message>
        <source>Delete %1 patents? Edit → Undo puts them back.</source>
        <translation>删除 %1 件专利？可用“编辑 → 撤销”恢复。</translation>
    </message>
    <message>
        <source>Delete patent</source>
        <translation>删除专利</translation>
    </message>
    <message>
        <source>Delete %1 patents</source>
        <translation>删除 %1 件专利</translation>
    </message>
    <message>
        <source>Add patent…</source>
        <translation>添加专利…</translation>
    </message>
    <message>
        <source>Delete patent…</source>
        <translation>删除专利…</translation>
    </message>
</context>
<context>
    <name>AddPatentDialog</name>
    <message>
        <source>Add patent</source>
        <translation>添加专利</translation>
    </message>
    <message>
        <source>e.g. ZL202110123456.7 or 202110123456.7</source>
        <translation>例如：ZL202110123456.7 或 202110123456.7</translation>
    </message>
    <message>
        <source>Application No.</source>
        <translation>申请号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>专利名称</translation>
    </message>
    <message>
        <source>Add patent %1</source>
        <translation>添加专利 %1</translation>
    </message>
</context>
<context>
    <name>BatchWork</name>
    <message>
        <source>Attach a folder…</source>
        <translation>按文件夹添加附件…</translation>
    </message>
    <message>
        <source>Consents by co-owner…</source>
        <translation>按共有人记录同意…</translation>
    </message>
    <message>
        <source>New batch from selection…</source>
        <translation>用选中专利新建批次…</translation>
    </message>
    <message>
        <source>What is left for a batch…</source>
        <translation>批次待办事项…</translation>
    </message>
    <message>
        <source>Bureau profiles…</source>
        <translation>报送配置…</translation>
    </message>
    <message>
        <source>Select patents in the table first.</source>
        <translation>请先在表格中选择专利。</translation>
    </message>
    <message>
        <source>No batch yet: create one from the selection first.</source>
        <translation>还没有申报批次：请先用选中的专利新建批次。</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
</context>
<context>
    <name>BatchesDialog</name>
    <message>
        <source>Submission batches</source>
        <translation>申报批次</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>报送配置</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>报送记录</translation>
    </message>
    <message>
        <source>Last status</source>
        <translation>最新状态</translation>
    </message>
    <message>
        <source>Application No.</source>
        <translation>申请号</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可以申报</translation>
    </message>
    <message>
        <source>What is left to do</source>
        <translation>待处理事项</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bureau reference</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Published by the bureau on</source>
        <translation>主管部门公开日</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>New batch from selection…</source>
        <translation>用选中专利新建批次…</translation>
    </message>
    <message>
        <source>Add selected patents</source>
        <translation>加入选中专利</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>Export this batch…</source>
        <translation>导出本批次…</translation>
    </message>
    <message>
        <source>Withdraw selected…</source>
        <translation>撤回所选专利…</translation>
    </message>
    <message>
        <source>Publication date</source>
        <translation>公开日</translation>
    </message>
    <message>
        <source>Choose a batch, then one of its submissions.</source>
        <translation>请先选择一个批次，再选择它的一次报送。</translation>
    </message>
    <message>
        <source>This batch has not been submitted yet.</source>
        <translation>本批次尚未报送。</translation>
    </message>
    <message>
        <source>Write the withdrawal notice for the patents selected in this batch</source>
        <translation>为本批次中选中的专利生成撤回函</translation>
    </message>
    <message>
        <source>Take the selected patents out of this batch</source>
        <translation>将选中的专利移出本批次</translation>
    </message>
    <message>
        <source>Select one or more of this batch&apos;s patents in the list below first</source>
        <translation>请先在下方列表中选择本批次的一件或多件专利</translation>
    </message>
    <message>
        <source>Choose a submission in the list above first</source>
        <translation>请先在上方列表中选择一次报送</translation>
    </message>
    <message>
        <source>Only a submission marked published has one</source>
        <translation>只有标记为“已公开”的报送记录才有公开日</translation>
    </message>
    <message>
        <source>Choose a submission to see what changed since the one before.</source>
        <translation>请选择一次报送，查看它与上一次相比的变化。</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <source>Changes since the previous submission</source>
        <translation>与上次报送相比的变化</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>first submission</source>
        <translation>首次报送</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>added: %1</source>
        <translation>新增：%1</translation>
    </message>
    <message>
        <source>removed: %1</source>
        <translation>移除：%1</translation>
    </message>
    <message>
        <source>changed: %1</source>
        <translation>修改：%1</translation>
    </message>
    <message>
        <source>Reason for the withdrawal</source>
        <translation>撤回原因</translation>
    </message>
    <message>
        <source>Choose the folder for the notice</source>
        <translation>选择撤回函保存位置</translation>
    </message>
    <message>
        <source>Withdrawal notice written: %1</source>
        <translation>已生成撤回函：%1</translation>
    </message>
</context>
<context>
    <name>BuildPage</name>
    <message>
        <source>Build</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Open e-mail</source>
        <translation>打开邮件</translation>
    </message>
    <message>
        <source>Send e-mail now</source>
        <translation>立即发送邮件</translation>
    </message>
    <message>
        <source>Send the drafts over the server set in Tools → Outgoing mail server</source>
        <translation>通过“工具 → 发信服务器”中设置的服务器发送邮件草稿</translation>
    </message>
</context>
<context>
    <name>BureauProfiles</name>
    <message>
        <source>(active)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <source>Bureau profiles</source>
        <translation>报送配置</translation>
    </message>
    <message>
        <source>Bureau name</source>
        <translation>受理单位名称</translation>
    </message>
    <message>
        <source>Bureau e-mail</source>
        <translation>受理单位邮箱</translation>
    </message>
    <message>
        <source>E-mail size limit (megabytes)</source>
        <translation>邮件大小上限（兆字节）</translation>
    </message>
    <message>
        <source>Minimum licence term (months)</source>
        <translation>最短许可期限（个月）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Use this profile</source>
        <translation>设为当前配置</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Active profile: %1</source>
        <translation>当前报送配置：%1</translation>
    </message>
    <message>
        <source>New batch</source>
        <translation>新建申报批次</translation>
    </message>
    <message>
        <source>The bureau&apos;s e-mail is not known yet; fill it in to write the e-mail drafts.</source>
        <translation>尚未填写受理单位邮箱；填写后即可生成报送邮件草稿。</translation>
    </message>
    <message>
        <source>Batch name</source>
        <translation>批次名称</translation>
    </message>
    <message>
        <source>Bureau profile</source>
        <translation>报送配置</translation>
    </message>
    <message>
        <source>Give the batch a name.</source>
        <translation>请填写批次名称。</translation>
    </message>
</context>
<context>
    <name>CardWidget</name>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
</context>
<context>
    <name>CommitmentsTab</name>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Commitment</source>
        <translation>承诺事项</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Commitments</source>
        <translation>承诺事项</translation>
    </message>
    <message>
        <source>Note (kept with the confirmations made now)</source>
        <translation>说明（随本次确认一并保存）</translation>
    </message>
    <message>
        <source>Confirm all</source>
        <translation>全部确认</translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation>签核</translation>
    </message>
    <message>
        <source>Sign off as preparer</source>
        <translation>作为经办人签核</translation>
    </message>
    <message>
        <source>Sign off as reviewer</source>
        <translation>作为复核人签核</translation>
    </message>
    <message>
        <source>Commitment letter…</source>
        <translation>生成承诺函…</translation>
    </message>
    <message>
        <source>Commitments &amp;&amp; sign-off</source>
        <translation>承诺与签核</translation>
    </message>
    <message>
        <source>Promises of the open-licence declaration · %1</source>
        <translation>开放许可声明承诺事项 · %1</translation>
    </message>
    <message>
        <source>Commitments of the pilot listing · %1</source>
        <translation>试点承诺事项 · %1</translation>
    </message>
    <message>
        <source>Not signed off yet.</source>
        <translation>尚未签核。</translation>
    </message>
    <message>
        <source>%1: %2 at %3 (%4)</source>
        <translation>%1：%2，%3（%4）</translation>
    </message>
    <message>
        <source>current</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>stale — sign again</source>
        <translation>已失效，需重新签核</translation>
    </message>
    <message>
        <source>Confirm “%1”</source>
        <translation>确认“%1”</translation>
    </message>
    <message>
        <source>Withdraw “%1”</source>
        <translation>撤回“%1”</translation>
    </message>
    <message>
        <source>Signed by %1 as %2</source>
        <translation>%1 已作为%2签核</translation>
    </message>
    <message>
        <source>Sign off as %1</source>
        <translation>作为%1签核</translation>
    </message>
    <message>
        <source>Commitment letter %1.docx</source>
        <translation>承诺函_%1.docx</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Written %1</source>
        <translation>已生成 %1</translation>
    </message>
    <message>
        <source>Writing the commitment letter…</source>
        <translation>正在生成承诺函…</translation>
    </message>
</context>
<context>
    <name>Consents</name>
    <message>
        <source>Consents by co-owner</source>
        <translation>按共有人记录同意</translation>
    </message>
    <message>
        <source>Co-owner</source>
        <translation>共有人</translation>
    </message>
    <message>
        <source>Shared patents</source>
        <translation>共有专利</translation>
    </message>
    <message>
        <source>Consent missing</source>
        <translation>尚缺同意</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Record the date</source>
        <translation>记录日期</translation>
    </message>
    <message>
        <source>Signed letter (optional)</source>
        <translation>已盖章的同意书（可选）</translation>
    </message>
    <message>
        <source>Date of consent</source>
        <translation>同意日期</translation>
    </message>
    <message>
        <source>Record consent for all its patents</source>
        <translation>记录其全部共有专利的同意</translation>
    </message>
    <message>
        <source>Draft consent letter…</source>
        <translation>起草共有人同意书…</translation>
    </message>
    <message>
        <source>No patent is shared with another patentee.</source>
        <translation>没有与其他专利权人共有的专利。</translation>
    </message>
    <message>
        <source>PDF, OFD or images (*.pdf *.ofd *.jpg *.jpeg *.png)</source>
        <translation>PDF、OFD 或图片 (*.pdf *.ofd *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1: consent recorded for %2 patents (%3 already on file).</source>
        <translation>%1：已记录 %2 件专利的同意（%3 件此前已有）。</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Consent letter written (%1 patents): %2</source>
        <translation>已生成共有人同意书（%1 件专利）：%2</translation>
    </message>
    <message>
        <source>Left out, no licence fee terms yet: %1</source>
        <translation>未列入（尚未设置许可使用费条款）：%1</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <source>Draft contracts</source>
        <translation>起草许可合同</translation>
    </message>
    <message>
        <source>Select patents in the portfolio first.</source>
        <translation>请先在专利列表中选择专利。</translation>
    </message>
    <message>
        <source>Shipped template</source>
        <translation>内置模板</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Use shipped</source>
        <translation>使用内置模板</translation>
    </message>
    <message>
        <source>Check template</source>
        <translation>检查模板</translation>
    </message>
    <message>
        <source>Also PDF (LibreOffice)</source>
        <translation>同时生成 PDF（LibreOffice）</translation>
    </message>
    <message>
        <source>PDF needs LibreOffice, which was not found</source>
        <translation>生成 PDF 需要 LibreOffice，未找到</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>合同模板</translation>
    </message>
    <message>
        <source>Contract takes effect on</source>
        <translation>合同生效日期</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Licensees (select one or more)</source>
        <translation>被许可人（可多选）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>起草</translation>
    </message>
    <message>
        <source>Choose a contract template</source>
        <translation>选择合同模板</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Template version %1: no problems found.</source>
        <translation>模板版本 %1：检查通过。</translation>
    </message>
    <message>
        <source>Template version %1: %2 problem(s):</source>
        <translation>模板版本 %1：发现 %2 处问题：</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>Choose at least one licensee.</source>
        <translation>请至少选择一个被许可人。</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message>
        <source>Drafting contracts…</source>
        <translation>正在起草合同…</translation>
    </message>
    <message>
        <source>%1 contract(s) written to %2</source>
        <translation>已生成 %1 份合同：%2</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>ContractOptions</name>
    <message>
        <source>Patents of different patentees are never merged into one licensor: each set gets a contract of its own for every licensee.</source>
        <translation>不同专利权人的专利不会合并为同一许可人：每组专利权人对每个被许可人单独起草一份合同。</translation>
    </message>
    <message>
        <source>Statutory declaration (announced by CNIPA)</source>
        <translation>开放许可声明（国家知识产权局公告）</translation>
    </message>
    <message>
        <source>Provincial pilot listing</source>
        <translation>省级开放许可试点</translation>
    </message>
    <message>
        <source>The bureau that published the offer, full name</source>
        <translation>公开许可信息的知识产权局全称</translation>
    </message>
    <message>
        <source>Draft even for patents with blockers, because:</source>
        <translation>专利存在阻碍事项时仍然起草，理由：</translation>
    </message>
    <message>
        <source>Reason (printed on the first page and kept in the audit trail)</source>
        <translation>理由（印在文件首页并记入审计记录）</translation>
    </message>
    <message>
        <source>Reason for drafting despite blockers</source>
        <translation>存在阻碍事项仍起草的理由</translation>
    </message>
    <message>
        <source>Licensors</source>
        <translation>许可人</translation>
    </message>
    <message>
        <source>%1 (this contract covers %2 patent(s))</source>
        <translation>%1（本合同涉及%2件专利）</translation>
    </message>
    <message>
        <source>Regime</source>
        <translation>许可依据</translation>
    </message>
    <message>
        <source>Blockers</source>
        <translation>阻碍事项</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>OpenLic Desktop – unexpected error</source>
        <translation>OpenLic – 意外错误</translation>
    </message>
    <message>
        <source>Something went wrong, and what you were doing just now may not have been saved: please check it. Changes saved before it are kept, and the database is backed up every day. Please copy the report below and send it to whoever supports OpenLic for you.</source>
        <translation>程序遇到了意外错误，刚才的操作可能没有保存，请检查一下。此前已保存的修改不受影响，数据库每天也会自动备份。请复制下面的错误报告，发送给为您提供 OpenLic 技术支持的人员。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>符合条件</translation>
    </message>
    <message>
        <source>Licensed</source>
        <translation>已许可</translation>
    </message>
    <message>
        <source>Open licensing: stage reached</source>
        <translation>开放许可进展</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>By type</source>
        <translation>按专利类型</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按院系</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>院系</translation>
    </message>
    <message>
        <source>By filing year</source>
        <translation>按申请年度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Statutory declarations</source>
        <translation>开放许可声明</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>声明状态</translation>
    </message>
    <message>
        <source>Annual fees due in the next %1 days</source>
        <translation>未来 %1 天应缴年费</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Amount (CNY)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>All fees due</source>
        <translation>全部应缴年费</translation>
    </message>
    <message>
        <source>Reaching their last day in the next %1 days</source>
        <translation>未来 %1 天届满</translation>
    </message>
    <message>
        <source>Licences reached and fees received</source>
        <translation>达成许可与许可使用费收入</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可（项）</translation>
    </message>
    <message>
        <source>Received (CNY)</source>
        <translation>已收（元）</translation>
    </message>
    <message>
        <source>Offers: free and paid</source>
        <translation>许可方式：免费与收费</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>许可方式</translation>
    </message>
    <message>
        <source>of which staged free</source>
        <translation>其中阶段性免费</translation>
    </message>
    <message>
        <source>of which use first, pay later</source>
        <translation>其中先试用后付费</translation>
    </message>
    <message>
        <source>Licensees by size</source>
        <translation>被许可人规模</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>企业规模</translation>
    </message>
    <message>
        <source>Licensees</source>
        <translation>被许可人（家）</translation>
    </message>
    <message>
        <source>of which SMEs</source>
        <translation>其中中小微企业</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Click a bar, slice or row to list its patents.</source>
        <translation>单击柱形、扇区或表格行，即可在专利列表中查看对应专利。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Statistics workbook…</source>
        <translation>导出统计表…</translation>
    </message>
    <message>
        <source>Dashboard as PDF…</source>
        <translation>导出看板 PDF…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>As of %1 · %2 patents</source>
        <translation>截至 %1 · 专利 %2 件</translation>
    </message>
    <message>
        <source>Dashboard: %1</source>
        <translation>看板：%1</translation>
    </message>
    <message>
        <source>Open licensing statistics %1.xlsx</source>
        <translation>专利开放许可统计表_%1.xlsx</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Portfolio dashboard %1.pdf</source>
        <translation>专利组合看板_%1.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Portfolio dashboard</source>
        <translation>专利组合看板</translation>
    </message>
    <message>
        <source>Portfolio dashboard: %1</source>
        <translation>专利组合看板&#x3000;%1</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1（续）</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Patent table</source>
        <translation>专利列表</translation>
    </message>
</context>
<context>
    <name>DatabaseWait</name>
    <message>
        <source>Another program is writing to this database (an import, another window or a command). Your change is not saved yet: it is saved as soon as the database is free. Waited %1 s.</source>
        <translation>其他程序（导入、另一个窗口或命令）正在写入本数据库。您的修改尚未保存，数据库空闲后将立即保存。已等待 %1 秒。</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>停止等待</translation>
    </message>
    <message>
        <source>Waiting for the database</source>
        <translation>正在等待数据库</translation>
    </message>
</context>
<context>
    <name>DeadlinesDialog</name>
    <message>
        <source>Deadlines</source>
        <translation>期限提醒</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>期限内</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <source>Export (xlsx)…</source>
        <translation>导出（xlsx）…</translation>
    </message>
    <message>
        <source>%1 deadlines, %2 overdue</source>
        <translation>共 %1 项，逾期 %2 项</translation>
    </message>
    <message>
        <source>; %1 patents lapsed</source>
        <translation>；%1 件专利已终止</translation>
    </message>
    <message>
        <source>Save deadlines</source>
        <translation>保存期限清单</translation>
    </message>
    <message>
        <source>Deadlines.xlsx</source>
        <translation>期限清单.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>已导出：%1</translation>
    </message>
</context>
<context>
    <name>DeclarationColumns</name>
    <message>
        <source>Declaration</source>
        <translation>开放许可声明</translation>
    </message>
    <message>
        <source>Open-licence declaration</source>
        <translation>开放许可声明</translation>
    </message>
</context>
<context>
    <name>DeclarationStepDialog</name>
    <message>
        <source>Mark filed with CNIPA</source>
        <translation>登记已提交国家知识产权局</translation>
    </message>
    <message>
        <source>Mark announced by CNIPA</source>
        <translation>登记国家知识产权局已公告</translation>
    </message>
    <message>
        <source>Withdrawal filed</source>
        <translation>登记已申请撤回</translation>
    </message>
    <message>
        <source>Withdrawal announced</source>
        <translation>登记撤回已公告</translation>
    </message>
    <message>
        <source>Declaration documents</source>
        <translation>声明材料</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>声明</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选 %1 件</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Announced on</source>
        <translation>公告日期</translation>
    </message>
    <message>
        <source>Withdrawal filed on</source>
        <translation>申请撤回日期</translation>
    </message>
    <message>
        <source>Withdrawal announced on</source>
        <translation>撤回公告日期</translation>
    </message>
    <message>
        <source>Date on the documents</source>
        <translation>材料落款日期</translation>
    </message>
    <message>
        <source>Every co-owner has consented in writing</source>
        <translation>全体共有人已书面同意撤回</translation>
    </message>
    <message>
        <source>Withdrawal documents instead of declarations</source>
        <translation>生成撤回声明（而非开放许可声明）</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Draft even where recorded facts block it</source>
        <translation>存在阻碍事项时仍然起草</translation>
    </message>
    <message>
        <source>Why (printed on the first page and kept in the audit trail)</source>
        <translation>理由（印在文件首页并记入审计记录）</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>提交途径</translation>
    </message>
    <message>
        <source>e.g. the online submission&apos;s receipt number</source>
        <translation>例如：网上提交的回执编号</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>提交编号</translation>
    </message>
    <message>
        <source>Record as filed even where recorded facts block it</source>
        <translation>存在阻碍事项时仍然登记为已提交</translation>
    </message>
    <message>
        <source>Why (kept in the audit trail)</source>
        <translation>理由（记入审计记录）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>e.g. volume 41, issue 50</source>
        <translation>例如：第41卷第50期</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>公告卷期</translation>
    </message>
    <message>
        <source>e.g. the patent is to be transferred</source>
        <translation>例如：专利权拟转让</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>Only for withdrawals not yet recorded</source>
        <translation>仅在尚未登记撤回时填写</translation>
    </message>
    <message>
        <source>Reason for withdrawing</source>
        <translation>撤回理由</translation>
    </message>
    <message>
        <source>Give the reason for the withdrawal.</source>
        <translation>请填写撤回理由。</translation>
    </message>
    <message>
        <source>Give the reason for drafting despite the blockers.</source>
        <translation>请填写在存在阻碍事项时仍然起草的理由。</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>请选择保存位置。</translation>
    </message>
</context>
<context>
    <name>DeclarationTab</name>
    <message>
        <source>Prepare the declaration</source>
        <translation>起草开放许可声明</translation>
    </message>
    <message>
        <source>Delete the draft</source>
        <translation>删除声明草稿</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>办理进度</translation>
    </message>
    <message>
        <source>What the declaration still lacks</source>
        <translation>声明尚缺事项</translation>
    </message>
    <message>
        <source>Terms (from the Pricing tab until filed)</source>
        <translation>许可条件（提交前以“许可使用费”页为准）</translation>
    </message>
    <message>
        <source>The licensor&apos;s promises and sign-off</source>
        <translation>许可人承诺与签核</translation>
    </message>
    <message>
        <source>Confirm all promises</source>
        <translation>确认全部承诺</translation>
    </message>
    <message>
        <source>Sign off as preparer</source>
        <translation>经办人签核</translation>
    </message>
    <message>
        <source>Sign off as reviewer</source>
        <translation>复核人签核</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>通讯地址</translation>
    </message>
    <message>
        <source>Patent agency (if it files)</source>
        <translation>代理机构（委托代理时填写）</translation>
    </message>
    <message>
        <source>Agency code</source>
        <translation>代理机构代码</translation>
    </message>
    <message>
        <source>Other terms</source>
        <translation>其他需要明确的事项</translation>
    </message>
    <message>
        <source>Anything else the licence needs said (no promotional wording)</source>
        <translation>许可还需明确的其他事项（不得含商业性宣传用语）</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>许可地域范围</translation>
    </message>
    <message>
        <source>All of China (fixed by law)</source>
        <translation>中国境内（法定）</translation>
    </message>
    <message>
        <source>Save the declaration</source>
        <translation>保存声明</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>声明内容</translation>
    </message>
    <message>
        <source>Open-licence declaration</source>
        <translation>开放许可声明</translation>
    </message>
    <message>
        <source>No open-licence declaration yet</source>
        <translation>尚未起草开放许可声明</translation>
    </message>
    <message>
        <source>Declaration: %1</source>
        <translation>开放许可声明：%1</translation>
    </message>
    <message>
        <source>Terms as filed (frozen until a withdrawal is announced)</source>
        <translation>许可条件（以已提交的声明为准，撤回公告前不能修改）</translation>
    </message>
    <message>
        <source>Filed declarations cannot change: withdraw it and declare anew.</source>
        <translation>声明已提交，内容不能修改；如需变更，请撤回后重新声明。</translation>
    </message>
    <message>
        <source>Prepare the declaration to start: it takes the pricing, the contact and the territory of this patent.</source>
        <translation>起草声明后开始办理：声明采用本专利的许可使用费、联系方式和许可地域。</translation>
    </message>
    <message>
        <source>Earlier declaration withdrawn on %1</source>
        <translation>此前的声明已于 %1 撤回</translation>
    </message>
    <message>
        <source>Payment mode</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Payment standard</source>
        <translation>支付标准</translation>
    </message>
    <message>
        <source>Licence term</source>
        <translation>许可期限</translation>
    </message>
    <message>
        <source>No pricing yet: set it in the Pricing tab.</source>
        <translation>尚未设置许可使用费，请在“许可使用费”页设置。</translation>
    </message>
    <message>
        <source>Next annual fee: %1 yuan, due %2 (%3)</source>
        <translation>下一笔年费：%1 元，应缴日 %2（%3）</translation>
    </message>
    <message>
        <source>Lapsed; no annual fee can be paid: %1</source>
        <translation>专利权已终止，没有可以缴纳的年费：%1</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>current</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>stale — sign again</source>
        <translation>已失效，请重新签核</translation>
    </message>
    <message>
        <source>Not signed off yet.</source>
        <translation>尚未签核。</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>去处理</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <source>Edit the declaration</source>
        <translation>修改声明</translation>
    </message>
    <message>
        <source>Sign off as %1</source>
        <translation>%1签核</translation>
    </message>
</context>
<context>
    <name>Declarations</name>
    <message>
        <source>Open-licence declarations…</source>
        <translation>开放许可声明…</translation>
    </message>
    <message>
        <source>Prepare open-licence declarations</source>
        <translation>起草开放许可声明</translation>
    </message>
    <message>
        <source>Fee-estimation notes…</source>
        <translation>许可使用费估算说明…</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>开放许可声明</translation>
    </message>
    <message>
        <source>All patents</source>
        <translation>全部专利</translation>
    </message>
    <message>
        <source>No declaration</source>
        <translation>未声明</translation>
    </message>
    <message>
        <source>Select one or more patents first.</source>
        <translation>请先选择一件或多件专利。</translation>
    </message>
    <message>
        <source>Drafted: %1, already declared: %2</source>
        <translation>新起草 %1 件，已有声明 %2 件</translation>
    </message>
    <message>
        <source>Drafting %1 declarations…</source>
        <translation>正在起草 %1 件声明…</translation>
    </message>
    <message>
        <source>Notes drafted: %1, kept as they were: %2</source>
        <translation>已起草说明 %1 件，保留原有说明 %2 件</translation>
    </message>
</context>
<context>
    <name>DeclarationsDialog</name>
    <message>
        <source>Open-licence declarations</source>
        <translation>开放许可声明</translation>
    </message>
    <message>
        <source>All not withdrawn</source>
        <translation>全部（未撤回）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Prepare for the portfolio&apos;s selection</source>
        <translation>为主表所选专利起草</translation>
    </message>
    <message>
        <source>Convert a pilot batch…</source>
        <translation>由试点批次转换…</translation>
    </message>
    <message>
        <source>Sign off as preparer</source>
        <translation>经办人签核</translation>
    </message>
    <message>
        <source>Sign off as reviewer</source>
        <translation>复核人签核</translation>
    </message>
    <message>
        <source>Documents and entry sheet…</source>
        <translation>生成声明材料和录入表…</translation>
    </message>
    <message>
        <source>Mark filed…</source>
        <translation>登记已提交…</translation>
    </message>
    <message>
        <source>Mark announced…</source>
        <translation>登记已公告…</translation>
    </message>
    <message>
        <source>Announcements from CNIPA&apos;s list…</source>
        <translation>按国家知识产权局公告表登记…</translation>
    </message>
    <message>
        <source>Withdrawal filed…</source>
        <translation>登记已申请撤回…</translation>
    </message>
    <message>
        <source>Withdrawal announced…</source>
        <translation>登记撤回已公告…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Double-click a declaration to open its patent.</source>
        <translation>双击声明可打开对应专利。</translation>
    </message>
    <message>
        <source>%1 declarations</source>
        <translation>共 %1 件声明</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消，未作任何更改。</translation>
    </message>
    <message>
        <source>Done: %1, unchanged: %2, refused: %3</source>
        <translation>完成 %1 件，无变化 %2 件，被拒绝 %3 件</translation>
    </message>
    <message>
        <source>Select one or more declarations first.</source>
        <translation>请先选择一件或多件声明。</translation>
    </message>
    <message>
        <source>Prepare declarations</source>
        <translation>起草声明</translation>
    </message>
    <message>
        <source>Select patents in the portfolio first.</source>
        <translation>请先在主表中选择专利。</translation>
    </message>
    <message>
        <source>There are no submission batches.</source>
        <translation>还没有申报批次。</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>申报批次</translation>
    </message>
    <message>
        <source>Drafted: %1, already declared: %2</source>
        <translation>新起草 %1 件，已有声明 %2 件</translation>
    </message>
    <message>
        <source>Declaration documents</source>
        <translation>声明材料</translation>
    </message>
    <message>
        <source>Writing the declaration documents…</source>
        <translation>正在生成声明材料…</translation>
    </message>
    <message>
        <source>Written: %1 (%2 patents)</source>
        <translation>已生成：%1（%2 件专利）</translation>
    </message>
    <message>
        <source>Drafted despite blockers (noted on their first page): %1</source>
        <translation>存在阻碍事项仍起草的专利（已在文件首页注明）：%1</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv *.ods)</source>
        <translation>电子表格 (*.xlsx *.xls *.csv *.ods)</translation>
    </message>
    <message>
        <source>Announced: %1, withdrawn: %2, already recorded: %3, rows not matched: %4</source>
        <translation>登记公告 %1 件，撤回 %2 件，此前已登记 %3 件，未匹配 %4 行</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>DeclarationsModel</name>
    <message>
        <source>%1 to do: %2</source>
        <translation>%1项：%2</translation>
    </message>
    <message>
        <source>Patent No.</source>
        <translation>专利号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>专利名称</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Still lacking</source>
        <translation>尚缺事项</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>提交日期</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>提交途径</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>提交编号</translation>
    </message>
    <message>
        <source>Announced on</source>
        <translation>公告日期</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>公告卷期</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>撤回日期</translation>
    </message>
    <message>
        <source>From pilot batch</source>
        <translation>来源试点批次</translation>
    </message>
</context>
<context>
    <name>EvidenceFolder</name>
    <message>
        <source>Evaluation reports</source>
        <translation>专利权评价报告</translation>
    </message>
    <message>
        <source>Search reports</source>
        <translation>检索分析报告</translation>
    </message>
    <message>
        <source>Consent letters</source>
        <translation>共有人同意书</translation>
    </message>
    <message>
        <source>Sealed commitment letters</source>
        <translation>盖章承诺函</translation>
    </message>
    <message>
        <source>matched</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>多件专利</translation>
    </message>
    <message>
        <source>unmatched</source>
        <translation>未匹配</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>already</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>不能添加</translation>
    </message>
    <message>
        <source>favourable</source>
        <translation>未发现缺陷</translation>
    </message>
    <message>
        <source>unfavourable</source>
        <translation>存在缺陷</translation>
    </message>
    <message>
        <source>Attach a folder</source>
        <translation>按文件夹添加附件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>材料类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Patent</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>报告信息</translation>
    </message>
    <message>
        <source>What each file becomes</source>
        <translation>各文件的处理结果</translation>
    </message>
    <message>
        <source>Attach %1 files</source>
        <translation>添加 %1 个文件</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Looking at the folder…</source>
        <translation>正在查看文件夹…</translation>
    </message>
    <message>
        <source>conclusion to fill in</source>
        <translation>结论待补录</translation>
    </message>
    <message>
        <source>consent of %1</source>
        <translation>%1 的同意</translation>
    </message>
    <message>
        <source>same as %1</source>
        <translation>与 %1 相同</translation>
    </message>
    <message>
        <source>%1 files: %2 matched, %3 ambiguous, %4 unmatched, %5 duplicates, %6 already attached, %7 refused.</source>
        <translation>共 %1 个文件：匹配 %2，多件专利 %3，未匹配 %4，重复 %5，已添加 %6，不能添加 %7。</translation>
    </message>
    <message>
        <source>Attaching…</source>
        <translation>正在添加…</translation>
    </message>
    <message>
        <source>Attached %1 files to %2 patents.</source>
        <translation>已将 %1 个文件添加到 %2 件专利。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was attached.</source>
        <translation>已取消，未添加任何文件。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>ExportWizard</name>
    <message>
        <source>Export package</source>
        <translation>生成报送材料包</translation>
    </message>
    <message>
        <source>Building the package…</source>
        <translation>正在生成材料包…</translation>
    </message>
    <message>
        <source>Send e-mail now</source>
        <translation>立即发送邮件</translation>
    </message>
    <message>
        <source>Send %1 e-mails to %2 now?</source>
        <translation>现在将 %1 封邮件发送给 %2 吗？</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Sent %1 e-mails</source>
        <translation>已发送 %1 封邮件</translation>
    </message>
    <message>
        <source>Package written: %1</source>
        <translation>已生成材料包：%1</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未生成任何文件。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>生成报送材料包…</translation>
    </message>
    <message>
        <source>Submission batches…</source>
        <translation>申报批次…</translation>
    </message>
    <message>
        <source>%1 e-mail drafts</source>
        <translation>%1 封邮件草稿</translation>
    </message>
</context>
<context>
    <name>FactsTab</name>
    <message>
        <source>One name a line</source>
        <translation>每行一个名称</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Save facts</source>
        <translation>保存著录事项</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>著录事项</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有变化。</translation>
    </message>
    <message>
        <source>Edit facts</source>
        <translation>修改著录事项</translation>
    </message>
</context>
<context>
    <name>FeeNoteDialog</name>
    <message>
        <source>Fee-estimation notes</source>
        <translation>许可使用费估算说明</translation>
    </message>
    <message>
        <source>Added to every note&apos;s basis, e.g. our earlier licences of similar patents</source>
        <translation>补充到每份说明的估算依据中，例如：参照本单位同类专利以往的许可情况</translation>
    </message>
    <message>
        <source>Draft again where a note exists (replaces the edited text)</source>
        <translation>已有说明的也重新起草（将替换已编辑的内容）</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选 %1 件</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>估算方法</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>估算依据</translation>
    </message>
    <message>
        <source>Each note can be edited afterwards in the patent&apos;s Pricing tab.</source>
        <translation>起草后可在各专利的“许可使用费”页修改说明。</translation>
    </message>
    <message>
        <source>Select patents in the portfolio first.</source>
        <translation>请先在主表中选择专利。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message>
        <source>Drafting the fee-estimation notes…</source>
        <translation>正在起草许可使用费估算说明…</translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <source>Open these patents in the table</source>
        <translation>在专利列表中查看这些专利</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx, .xls) or a CSV/text file (UTF-8 or GBK). You can also drop it here.</source>
        <translation>Excel 工作簿（.xlsx、.xls）或 CSV/文本文件（UTF-8 或 GBK）。也可以把文件拖到这里。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv)</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Restore backup…</source>
        <translation>恢复备份…</translation>
    </message>
    <message>
        <source>Office details…</source>
        <translation>本单位信息…</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>Welcome…</source>
        <translation>欢迎页…</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The import is not available in this version. Use File → Open database… or the command `openlic import`.</source>
        <translation>此版本中暂无导入功能。请使用“文件 → 打开数据库…”或命令 `openlic import`。</translation>
    </message>
    <message>
        <source>Backed up today&apos;s copy: %1</source>
        <translation>已完成今天的备份：%1</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Backups are made for database files on this computer only.</source>
        <translation>只能为本机上的数据库文件制作备份。</translation>
    </message>
    <message>
        <source>Put back the copy %1? The database as it is now is kept as a safety copy first.</source>
        <translation>确定恢复副本 %1 吗？恢复前，当前数据库会先另存为安全副本。</translation>
    </message>
    <message>
        <source>Restored from %1; the previous state is kept in %2</source>
        <translation>已从 %1 恢复；恢复前的数据库保存在 %2</translation>
    </message>
    <message>
        <source>Checking the backup and putting it back…</source>
        <translation>正在检查备份并恢复…</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Report no.</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Report date</source>
        <translation>报告日期</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Claims with defects</source>
        <translation>有缺陷的权利要求</translation>
    </message>
    <message>
        <source>pledgee consented</source>
        <translation>质权人已同意</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>On file</source>
        <translation>已存档</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Fact</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
</context>
<context>
    <name>IdentityFields</name>
    <message>
        <source>Kind of party</source>
        <translation>主体类型</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>证件号码</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <source>This import cannot be undone: work was done on %1 of its patents since. Nothing was changed.</source>
        <translation>无法撤销此次导入：其中 %1 件专利在导入后又有改动。未做任何更改。</translation>
    </message>
    <message>
        <source>changed since the import (%1 records)</source>
        <translation>导入后又有修改（%1 条记录）</translation>
    </message>
    <message>
        <source>has records added since the import: %1</source>
        <translation>导入后新增了记录：%1</translation>
    </message>
    <message>
        <source>“%1” was changed again since the import</source>
        <translation>导入后“%1”又被修改</translation>
    </message>
    <message>
        <source>Undo this import</source>
        <translation>撤销此次导入</translation>
    </message>
    <message>
        <source>Undo the import of “%1” (%2)?

%3 patents it created will be deleted and %4 facts it changed will be put back. The undo is recorded in the audit trail.</source>
        <translation>撤销“%1”（%2）的导入？

将删除此次导入新增的 %3 件专利，并恢复它修改的 %4 项著录事项。撤销操作会记入审计日志。</translation>
    </message>
    <message>
        <source>Undid the import of “%1”: %2 patents deleted, %3 facts put back.</source>
        <translation>已撤销“%1”的导入：删除 %2 件专利，恢复 %3 项著录事项。</translation>
    </message>
    <message>
        <source>%1 of the patents whose facts go back were signed off after the import: those sign-offs will have to be given again.</source>
        <translation>其中 %1 件将恢复著录事项的专利在导入后已签核：撤销后这些签核失效，需要重新签核。</translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>正在撤销导入…</translation>
    </message>
    <message>
        <source>Checking what the undo would change…</source>
        <translation>正在检查撤销会改动的内容…</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Every import into this database, newest first. The latest import that changed anything can be undone: the patents it created are deleted and every fact it changed is put back.</source>
        <translation>此数据库的每一次导入，最新的在最前。最近一次有改动的导入可以撤销：删除它新增的专利，恢复它修改的每一项著录事项。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Undo this import…</source>
        <translation>撤销此次导入…</translation>
    </message>
    <message>
        <source>undone %1 by %2</source>
        <translation>已于 %1 由 %2 撤销</translation>
    </message>
    <message>
        <source>can be undone</source>
        <translation>可撤销</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256：%1</translation>
    </message>
    <message>
        <source>No imports yet.</source>
        <translation>还没有导入记录。</translation>
    </message>
    <message>
        <source>Import history…</source>
        <translation>导入记录…</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Publication No. (not imported)</source>
        <translation>公开号（不导入）</translation>
    </message>
    <message>
        <source>Last day in force (computed)</source>
        <translation>专利权期限届满日（自动计算）</translation>
    </message>
    <message>
        <source>Row No. (not imported)</source>
        <translation>序号（不导入）</translation>
    </message>
    <message>
        <source>Remarks (not imported)</source>
        <translation>备注（不导入）</translation>
    </message>
    <message>
        <source>Rejection code (not imported)</source>
        <translation>错误代码（不导入）</translation>
    </message>
    <message>
        <source>Import patents from a spreadsheet</source>
        <translation>从表格导入专利</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was changed.</source>
        <translation>导入已取消，数据库未改动。</translation>
    </message>
    <message>
        <source>The import failed; nothing was changed: %1</source>
        <translation>导入失败，数据库未改动：%1</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import patents</source>
        <translation>导入专利</translation>
    </message>
    <message>
        <source>Open or create a database first.</source>
        <translation>请先打开或新建数据库。</translation>
    </message>
    <message>
        <source>&amp;Import patents…</source>
        <translation>导入专利(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>LicenceAddDialog</name>
    <message>
        <source>Record a licence</source>
        <translation>登记许可</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Licensee</source>
        <translation>被许可人</translation>
    </message>
    <message>
        <source>Contract took effect on</source>
        <translation>合同生效日期</translation>
    </message>
    <message>
        <source>Select patents in the portfolio first.</source>
        <translation>请先在专利列表中选择专利。</translation>
    </message>
    <message>
        <source>Choose a licensee.</source>
        <translation>请选择被许可人。</translation>
    </message>
</context>
<context>
    <name>LicencesDialog</name>
    <message>
        <source>Licences reached</source>
        <translation>已达成的许可</translation>
    </message>
    <message>
        <source>Add licence for selected patents…</source>
        <translation>为所选专利登记许可…</translation>
    </message>
    <message>
        <source>Mark recorded with CNIPA</source>
        <translation>标记已向国家知识产权局备案</translation>
    </message>
    <message>
        <source>Mark evaluation report submitted</source>
        <translation>标记许可实施情况报告已报送</translation>
    </message>
    <message>
        <source>Payment received…</source>
        <translation>登记收款…</translation>
    </message>
    <message>
        <source>Follow-up report (xlsx)…</source>
        <translation>许可实施情况报告（xlsx）…</translation>
    </message>
    <message>
        <source>%1 licences</source>
        <translation>共 %1 项许可</translation>
    </message>
    <message>
        <source>No open payment for this licence.</source>
        <translation>该许可没有待收款项。</translation>
    </message>
    <message>
        <source>Save follow-up report</source>
        <translation>保存许可实施情况报告</translation>
    </message>
    <message>
        <source>Follow-up report.xlsx</source>
        <translation>许可实施情况报告.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>已生成报表：%1</translation>
    </message>
</context>
<context>
    <name>LicenseeEditDialog</name>
    <message>
        <source>Licensee</source>
        <translation>被许可人</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Enterprise size</source>
        <translation>企业规模</translation>
    </message>
</context>
<context>
    <name>LicenseesDialog</name>
    <message>
        <source>Licensee book</source>
        <translation>被许可人名录</translation>
    </message>
    <message>
        <source>Search name, code or contact</source>
        <translation>搜索名称、代码或联系方式</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Import from xlsx…</source>
        <translation>从 xlsx 导入…</translation>
    </message>
    <message>
        <source>%1 licensees</source>
        <translation>共 %1 个被许可人</translation>
    </message>
    <message>
        <source>Import licensees</source>
        <translation>导入被许可人</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.csv)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xls *.csv)</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 refused</source>
        <translation>导入完成：新增 %1，更新 %2，未变 %3，拒绝 %4</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>Licensing</name>
    <message>
        <source>Draft contracts…</source>
        <translation>起草许可合同…</translation>
    </message>
    <message>
        <source>Patentee book…</source>
        <translation>专利权人名录…</translation>
    </message>
    <message>
        <source>Licensee book…</source>
        <translation>被许可人名录…</translation>
    </message>
    <message>
        <source>Licences reached…</source>
        <translation>已达成的许可…</translation>
    </message>
    <message>
        <source>Deadlines…</source>
        <translation>期限提醒…</translation>
    </message>
</context>
<context>
    <name>LicensingModels</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>USCC / ID No.</source>
        <translation>统一社会信用代码／身份证件号</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>企业规模</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可数</translation>
    </message>
    <message>
        <source>Patent No.</source>
        <translation>专利号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>专利名称</translation>
    </message>
    <message>
        <source>Licensee</source>
        <translation>被许可人</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>许可条件</translation>
    </message>
    <message>
        <source>Term ends</source>
        <translation>许可期限至</translation>
    </message>
    <message>
        <source>Record by</source>
        <translation>备案期限</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已备案</translation>
    </message>
    <message>
        <source>Due (CNY)</source>
        <translation>应收（元）</translation>
    </message>
    <message>
        <source>Received (CNY)</source>
        <translation>已收（元）</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Amount (CNY)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Imported from</source>
        <translation>导入来源</translation>
    </message>
    <message>
        <source>OpenLic Desktop</source>
        <translation>OpenLic 专利开放许可助手</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search: number, title, patentee…</source>
        <translation>搜索：申请号、名称、专利权人…</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>法律状态</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利列表</translation>
    </message>
    <message>
        <source>Details of the current patent</source>
        <translation>当前专利的详细信息</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Patents</source>
        <translation>专利(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>批量(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent databases</source>
        <translation>最近的数据库</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>复制所选行(&amp;C)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Open patent</source>
        <translation>打开专利</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;About OpenLic Desktop</source>
        <translation>关于 OpenLic(&amp;A)</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选 %1 件</translation>
    </message>
    <message>
        <source>Copied %1 rows</source>
        <translation>已复制 %1 行</translation>
    </message>
    <message>
        <source>Showing %1 of %2 patents</source>
        <translation>显示 %1 件，共 %2 件</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>操作人：%1</translation>
    </message>
    <message>
        <source>User: %1 (computer login)</source>
        <translation>操作人：%1（本机登录名）</translation>
    </message>
    <message>
        <source>New records and documents name the person shown here. Choose your name in Tools → Staff and current user…, or give the office&apos;s contact person in Tools → Office details…</source>
        <translation>新的修改记录和文件将署此处显示的操作人。请在“工具 → 人员与当前用户…”中选择您的姓名，或在“工具 → 本单位信息…”中填写联系人。</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>Select a patent to see its details.</source>
        <translation>选择一件专利查看详情。</translation>
    </message>
    <message>
        <source>OpenLic databases (*.openlic *.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>OpenLic 数据库 (*.openlic *.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database was backed up before it was upgraded: %1</source>
        <translation>升级数据库结构前已备份：%1</translation>
    </message>
    <message>
        <source>Empty portfolio</source>
        <translation>专利组合为空</translation>
    </message>
    <message>
        <source>This database has no patents yet. Load a demo portfolio of 300 patents to look around?</source>
        <translation>此数据库中还没有专利。是否载入包含 300 件专利的演示数据以便试用？</translation>
    </message>
    <message>
        <source>Demo cancelled; the database was not changed</source>
        <translation>已取消载入演示数据，数据库未改动</translation>
    </message>
    <message>
        <source>Loading the demo portfolio…</source>
        <translation>正在载入演示数据…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>核对各列</translation>
    </message>
    <message>
        <source>The field recognised for each column is shown above it. Correct any that are wrong; the correction is remembered for files with the same headers.</source>
        <translation>每列上方显示识别出的字段。如有错误请更正；更正会被记住，用于表头相同的文件。</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>表头所在行：</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Field of column %1</source>
        <translation>第 %1 列的字段</translation>
    </message>
    <message>
        <source>Choose the column that holds the application numbers.</source>
        <translation>请指定申请号所在的列。</translation>
    </message>
    <message>
        <source>A mapping you corrected earlier for these headers was applied.</source>
        <translation>已应用您之前为这些表头所做的更正。</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Write e-mail drafts (.eml)</source>
        <translation>生成邮件草稿（.eml）</translation>
    </message>
    <message>
        <source>Include the fee-estimation notes</source>
        <translation>包含许可使用费估算说明</translation>
    </message>
    <message>
        <source>Include the contract sample</source>
        <translation>包含合同样本</translation>
    </message>
    <message>
        <source>Optional: a batch&apos;s name, e.g. 2026 first batch (a new name starts a batch); empty: no record</source>
        <translation>可选：批次名称，如“2026年第一批”（新名称即新建批次）；留空则不记录</translation>
    </message>
    <message>
        <source>Template column</source>
        <translation>模板列名</translation>
    </message>
    <message>
        <source>Filled with</source>
        <translation>填入内容</translation>
    </message>
    <message>
        <source>Remember this mapping in the profile</source>
        <translation>将列对应关系保存到报送配置</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Bureau table template (optional)</source>
        <translation>受理单位空白表格（可选）</translation>
    </message>
    <message>
        <source>Record as a submission of batch</source>
        <translation>记入申报批次</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>Choose the bureau&apos;s blank table</source>
        <translation>选择受理单位的空白表格</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>(leave empty)</source>
        <translation>（留空）</translation>
    </message>
</context>
<context>
    <name>OwnershipTab</name>
    <message>
        <source>Patentees and consents</source>
        <translation>专利权人与共有人同意</translation>
    </message>
    <message>
        <source>Encumbrances</source>
        <translation>权利负担</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>相对方</translation>
    </message>
    <message>
        <source>Registration no.</source>
        <translation>登记号</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Pledgee consented</source>
        <translation>质权人已同意</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty: open-ended</source>
        <translation>年-月-日，留空表示未定</translation>
    </message>
    <message>
        <source>Pledgee consented in writing</source>
        <translation>质权人已书面同意</translation>
    </message>
    <message>
        <source>Add encumbrance</source>
        <translation>添加权利负担</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Attach the pledgee&apos;s consent…</source>
        <translation>附质权人同意书…</translation>
    </message>
    <message>
        <source>Ownership &amp;&amp; encumbrances</source>
        <translation>权属与权利负担</translation>
    </message>
    <message>
        <source>(the office)</source>
        <translation>（本单位）</translation>
    </message>
    <message>
        <source>Written consent on file</source>
        <translation>已有书面同意</translation>
    </message>
    <message>
        <source>Record consent of %1</source>
        <translation>记录 %1 的同意</translation>
    </message>
    <message>
        <source>Withdraw consent of %1</source>
        <translation>撤回 %1 的同意</translation>
    </message>
    <message>
        <source>Attach the pledgee&apos;s signed consent (PDF, OFD, JPEG or PNG) to the selected pledge</source>
        <translation>为选中的质押附上质权人签章的书面同意（PDF、OFD、JPEG或PNG）</translation>
    </message>
    <message>
        <source>Select a pledge in the list above first</source>
        <translation>请先在上方列表中选择一条质押记录</translation>
    </message>
    <message>
        <source>The pledgee&apos;s signed consent</source>
        <translation>质权人书面同意书</translation>
    </message>
    <message>
        <source>PDF, OFD, JPEG or PNG files (*.pdf *.ofd *.jpg *.jpeg *.png)</source>
        <translation>PDF、OFD、JPEG或PNG文件 (*.pdf *.ofd *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Attach the pledgee&apos;s consent %1</source>
        <translation>附质权人同意书 %1</translation>
    </message>
    <message>
        <source>Remove encumbrance</source>
        <translation>删除权利负担</translation>
    </message>
</context>
<context>
    <name>Parties</name>
    <message>
        <source>Organisation: unified social credit code</source>
        <translation>单位：统一社会信用代码</translation>
    </message>
    <message>
        <source>Person: resident ID number</source>
        <translation>个人：居民身份证号码</translation>
    </message>
    <message>
        <source>Person: passport number</source>
        <translation>个人：护照号码</translation>
    </message>
    <message>
        <source>identifier</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>USCC / ID No.</source>
        <translation>统一社会信用代码/证件号码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Account for licence fees</source>
        <translation>许可使用费收款账户</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>%1

Draft it anyway? Give the reason (it is printed on the first page and kept in the audit trail):</source>
        <translation>%1

仍然起草吗？请写明理由（理由将印在文件首页并记入审计记录）：</translation>
    </message>
    <message>
        <source>Blockers</source>
        <translation>阻碍事项</translation>
    </message>
</context>
<context>
    <name>PatentEditor</name>
    <message>
        <source>Patent %1</source>
        <translation>专利 %1</translation>
    </message>
    <message>
        <source>Patent</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>PatenteeEditDialog</name>
    <message>
        <source>Patentee</source>
        <translation>专利权人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Account for licence fees</source>
        <translation>许可使用费收款账户</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
</context>
<context>
    <name>PatenteesDialog</name>
    <message>
        <source>Patentee book</source>
        <translation>专利权人名录</translation>
    </message>
    <message>
        <source>Search name or code</source>
        <translation>搜索名称或代码</translation>
    </message>
    <message>
        <source>Add the portfolio&apos;s patentees</source>
        <translation>补全专利清单中的专利权人</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>%1 patentees, %2 of them incomplete for contracts</source>
        <translation>共 %1 个专利权人，其中 %2 个信息不全，不能起草合同</translation>
    </message>
    <message>
        <source>%1 patentees added from the portfolio; fill in their details.</source>
        <translation>已从专利清单新增 %1 个专利权人，请补全其信息。</translation>
    </message>
</context>
<context>
    <name>PatentsPage</name>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Selected patents (%1)</source>
        <translation>选中的专利（%1 件）</translation>
    </message>
    <message>
        <source>Every ready patent</source>
        <translation>全部就绪的专利</translation>
    </message>
    <message>
        <source>Patents of a batch</source>
        <translation>申报批次中的专利</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment received</source>
        <translation>登记收款</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>应付日期</translation>
    </message>
    <message>
        <source>Amount received (CNY)</source>
        <translation>收款金额（元）</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收款日期</translation>
    </message>
</context>
<context>
    <name>PortfolioModel</name>
    <message>
        <source>Application No.</source>
        <translation>申请号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>专利名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Patentees</source>
        <translation>专利权人</translation>
    </message>
    <message>
        <source>Filing date</source>
        <translation>申请日</translation>
    </message>
    <message>
        <source>Last day in force</source>
        <translation>专利权期限届满日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>法律状态</translation>
    </message>
</context>
<context>
    <name>PreflightPage</name>
    <message>
        <source>Pre-flight</source>
        <translation>报送前检查</translation>
    </message>
    <message>
        <source>Application No.</source>
        <translation>申请号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Blockers / warnings</source>
        <translation>阻断问题／提示</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Double-click a patent to fix it in the editor, then check again.</source>
        <translation>双击专利可在编辑器中处理问题，处理后点“重新检查”。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>未纳入</translation>
    </message>
    <message>
        <source>included</source>
        <translation>纳入</translation>
    </message>
    <message>
        <source>%1 patents will be packaged; %2 are left out because of blockers.</source>
        <translation>将打包 %1 件专利；%2 件因存在阻断问题未纳入。</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Application No.</source>
        <translation>申请号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>专利名称</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Check what the import will do.</source>
        <translation>尚未写入任何数据。请核对导入结果。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>To confirm</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>%1 rows read: %2 new, %3 changed, %4 unchanged, %5 rejected, %6 skipped (blank, footer or repeated header rows, identical duplicates).</source>
        <translation>读取 %1 行：新增 %2，修改 %3，未变 %4，拒绝 %5，跳过 %6（空行、表尾、重复表头、完全相同的重复行）。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Application No.</source>
        <translation>申请号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>专利名称</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Also write the %1 rows under “To confirm”: they were once rejected for contradicting an earlier row, and would overwrite what was kept.</source>
        <translation>同时写入“待确认”中的 %1 行：它们曾因与前面一行内容冲突而被拒绝，导入会改写已保留的内容。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>PricingBatch</name>
    <message>
        <source>Select patents in the table first.</source>
        <translation>请先在表格中选择专利。</translation>
    </message>
    <message>
        <source>Pricing…</source>
        <translation>批量定价…</translation>
    </message>
</context>
<context>
    <name>PricingBatchDialog</name>
    <message>
        <source>Batch pricing</source>
        <translation>批量定价</translation>
    </message>
    <message>
        <source>%1 patents selected</source>
        <translation>已选择 %1 件专利</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>定价方案</translation>
    </message>
    <message>
        <source>Preset name</source>
        <translation>方案名称</translation>
    </message>
    <message>
        <source>Save as preset</source>
        <translation>另存为方案</translation>
    </message>
    <message>
        <source>Skip patents that break a rule</source>
        <translation>跳过不符合规则的专利</translation>
    </message>
    <message>
        <source>Patents that would break a rule</source>
        <translation>不符合规则的专利</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>A preset keeps a term in months: untick “Until the patent expires” to save one.</source>
        <translation>预设方案须有以月计的许可期限：请取消勾选“至专利权期限届满”后再保存。</translation>
    </message>
    <message>
        <source>Checking the terms…</source>
        <translation>正在检查许可条件…</translation>
    </message>
    <message>
        <source>; until each patent expires</source>
        <translation>；许可期限至各专利权期限届满</translation>
    </message>
    <message>
        <source>Applied to %1 patents. Edit → Undo puts their terms back.</source>
        <translation>已应用于 %1 件专利。可用“编辑 → 撤销”恢复原条件。</translation>
    </message>
    <message>
        <source>Batch pricing “%1”</source>
        <translation>批量定价“%1”</translation>
    </message>
    <message>
        <source>Applying the terms…</source>
        <translation>正在应用许可条件…</translation>
    </message>
    <message>
        <source>Custom terms</source>
        <translation>自定义条件</translation>
    </message>
    <message>
        <source>Preset saved.</source>
        <translation>方案已保存。</translation>
    </message>
    <message>
        <source>%1 of %2 patents would break a rule</source>
        <translation>%2 件中有 %1 件不符合规则</translation>
    </message>
    <message>
        <source>No patent would break a rule.</source>
        <translation>所有专利均符合规则。</translation>
    </message>
</context>
<context>
    <name>PricingColumns</name>
    <message>
        <source>%1 months</source>
        <translation>%1 个月</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>许可使用费</translation>
    </message>
    <message>
        <source>Licence term</source>
        <translation>许可期限</translation>
    </message>
</context>
<context>
    <name>PricingTab</name>
    <message>
        <source>Own exploitation revenue</source>
        <translation>自身实施收益</translation>
    </message>
    <message>
        <source>Common royalty rates</source>
        <translation>通常提成比例</translation>
    </message>
    <message>
        <source>Valuation</source>
        <translation>资产评估</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>许可条件</translation>
    </message>
    <message>
        <source>Save terms</source>
        <translation>保存许可条件</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考数据</translation>
    </message>
    <message>
        <source>Set industry</source>
        <translation>更正行业</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <source>Earlier fees for this patent</source>
        <translation>该专利以往的许可使用费</translation>
    </message>
    <message>
        <source>Same-industry statistics</source>
        <translation>同行业统计数据</translation>
    </message>
    <message>
        <source>Annual revenue from own exploitation (CNY)</source>
        <translation>自身实施年收益（元）</translation>
    </message>
    <message>
        <source>Share of it due to the patent (%)</source>
        <translation>专利贡献比例（%）</translation>
    </message>
    <message>
        <source>Earlier licence fee (CNY)</source>
        <translation>以往许可使用费（元）</translation>
    </message>
    <message>
        <source>When that licence was agreed</source>
        <translation>该许可的订立时间</translation>
    </message>
    <message>
        <source>Common royalty rate (%)</source>
        <translation>通常提成比例（%）</translation>
    </message>
    <message>
        <source>Appraised value (CNY)</source>
        <translation>评估价值（元）</translation>
    </message>
    <message>
        <source>Appraised by</source>
        <translation>评估机构</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <source>The licence term runs to this patent&apos;s last day in force</source>
        <translation>许可期限至本专利权期限届满之日</translation>
    </message>
    <message>
        <source>Load industry table…</source>
        <translation>载入行业统计表…</translation>
    </message>
    <message>
        <source>What one licensee pays</source>
        <translation>单个被许可人的付款计划</translation>
    </message>
    <message>
        <source>Set the licence terms</source>
        <translation>设定许可条件</translation>
    </message>
    <message>
        <source>No terms yet.</source>
        <translation>尚未设置许可条件。</translation>
    </message>
    <message>
        <source>Amount (CNY)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>as recorded</source>
        <translation>行业取自著录项目</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>National (%1, all industries): average fixed amount %2 CNY</source>
        <translation>全国（%1，全部行业）：平均固定金额 %2 元</translation>
    </message>
    <message>
        <source>Set the industry</source>
        <translation>设定所属行业</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.ods *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>Loading the industry table…</source>
        <translation>正在载入行业统计表…</translation>
    </message>
    <message>
        <source>Save the fee-estimation note</source>
        <translation>保存许可使用费估算说明</translation>
    </message>
    <message>
        <source>Annual net sales (CNY)</source>
        <translation>预计年净销售额（元）</translation>
    </message>
    <message>
        <source>Annual profit (CNY)</source>
        <translation>预计年利润（元）</translation>
    </message>
    <message>
        <source>Licence start</source>
        <translation>许可起始日</translation>
    </message>
    <message>
        <source>Fee-estimation note</source>
        <translation>许可使用费估算依据和方法</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>起草</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>估算方法</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>保存说明</translation>
    </message>
    <message>
        <source>Pricing</source>
        <translation>许可使用费</translation>
    </message>
    <message>
        <source>No terms are saved for this patent yet: choose the payment mode.</source>
        <translation>该专利尚未定价：请先选择付费方式。</translation>
    </message>
    <message>
        <source>The rules find nothing to object to.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>Enter the expected annual figures to see the schedule.</source>
        <translation>填写预计年度数据后显示付款计划。</translation>
    </message>
    <message>
        <source>Total: %1 CNY</source>
        <translation>合计：%1 元</translation>
    </message>
    <message>
        <source>from the IPC class</source>
        <translation>按 IPC 分类推定</translation>
    </message>
    <message>
        <source>Industry line: %1 contracts, average amount %2 CNY, average rate %3%</source>
        <translation>行业数据：合同 %1 份，平均金额 %2 元，平均提成 %3%</translation>
    </message>
    <message>
        <source>No industry table loaded.</source>
        <translation>尚未载入分行业统计表。</translation>
    </message>
    <message>
        <source>Loaded %1 industries.</source>
        <translation>已载入 %1 个行业。</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Bureau profile</source>
        <translation>报送配置</translation>
    </message>
    <message>
        <source>Bureau</source>
        <translation>受理单位</translation>
    </message>
    <message>
        <source>Recipient e-mail</source>
        <translation>收件邮箱</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未填写）</translation>
    </message>
</context>
<context>
    <name>ReadinessActions</name>
    <message>
        <source>All patents</source>
        <translation>全部专利</translation>
    </message>
    <message>
        <source>Ready only</source>
        <translation>仅可申报</translation>
    </message>
    <message>
        <source>Not ready only</source>
        <translation>仅不可申报</translation>
    </message>
    <message>
        <source>Not ready (%1)</source>
        <translation>不可申报（%1 项）</translation>
    </message>
    <message>
        <source>Ready (%1 warnings)</source>
        <translation>可以申报（%1 项提醒）</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可以申报</translation>
    </message>
    <message>
        <source>Readiness</source>
        <translation>申报条件</translation>
    </message>
    <message>
        <source>Readiness: %1</source>
        <translation>申报条件：%1</translation>
    </message>
    <message>
        <source>The audit trail was changed outside the app (record %1). Run `openlic audit verify` and restore a backup.</source>
        <translation>审计记录在本软件之外被改动（第 %1 条）。请运行 `openlic audit verify` 并恢复备份。</translation>
    </message>
    <message>
        <source>Audit trail broken</source>
        <translation>审计记录被篡改</translation>
    </message>
    <message>
        <source>Select one or more patents first.</source>
        <translation>请先选择一件或多件专利。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Working on %1 patents…</source>
        <translation>正在处理 %1 件专利…</translation>
    </message>
    <message>
        <source>Done: %1, unchanged: %2, refused: %3</source>
        <translation>完成 %1 件，无变化 %2 件，拒绝 %3 件</translation>
    </message>
    <message>
        <source>Confirm all commitments</source>
        <translation>确认全部承诺事项</translation>
    </message>
    <message>
        <source>Sign off as preparer</source>
        <translation>作为经办人签核</translation>
    </message>
    <message>
        <source>Sign off as reviewer</source>
        <translation>作为复核人签核</translation>
    </message>
    <message>
        <source>Commitment letter…</source>
        <translation>生成承诺函…</translation>
    </message>
    <message>
        <source>Commitment letter.docx</source>
        <translation>承诺函.docx</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Commitment letter written: %1</source>
        <translation>已生成承诺函：%1</translation>
    </message>
</context>
<context>
    <name>ReadinessPanel</name>
    <message>
        <source>Readiness</source>
        <translation>申报条件</translation>
    </message>
    <message>
        <source>Ready to offer</source>
        <translation>可以开放许可</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>尚不可申报</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>阻止</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>去处理</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>去处理：%1</translation>
    </message>
</context>
<context>
    <name>Remaining</name>
    <message>
        <source>Fill in the office contact…</source>
        <translation>填写本单位联系人…</translation>
    </message>
    <message>
        <source>Attach a folder of reports…</source>
        <translation>按文件夹添加报告…</translation>
    </message>
    <message>
        <source>Open the first patent…</source>
        <translation>打开第一件专利…</translation>
    </message>
    <message>
        <source>Record the consent…</source>
        <translation>记录共有人同意…</translation>
    </message>
    <message>
        <source>Price them…</source>
        <translation>批量定价…</translation>
    </message>
    <message>
        <source>Write fee notes…</source>
        <translation>批量撰写估算说明…</translation>
    </message>
    <message>
        <source>Confirm all commitments</source>
        <translation>确认全部承诺事项</translation>
    </message>
    <message>
        <source>Sign off as preparer</source>
        <translation>作为经办人签核</translation>
    </message>
    <message>
        <source>Sign off as reviewer</source>
        <translation>作为复核人签核</translation>
    </message>
    <message>
        <source>Show these patents</source>
        <translation>在列表中显示这些专利</translation>
    </message>
    <message>
        <source>What is left</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Export this batch…</source>
        <translation>导出本批次…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Done: %1, unchanged: %2, refused: %3</source>
        <translation>完成 %1 件，无变化 %2 件，拒绝 %3 件</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Drop PDF, OFD, JPEG or PNG files on this window to attach them.</source>
        <translation>把 PDF、OFD、JPEG 或 PNG 文件拖到本窗口即可添加为附件。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Report no.</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Report date</source>
        <translation>报告日期</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Claims with defects</source>
        <translation>有缺陷的权利要求</translation>
    </message>
    <message>
        <source>Stored file</source>
        <translation>存档文件</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>e.g. 3, 5–7</source>
        <translation>例如：3、5–7</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Save details</source>
        <translation>保存报告信息</translation>
    </message>
    <message>
        <source>Correct the details of the selected report</source>
        <translation>更正所选报告的编号、日期、结论等信息</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Reports &amp;&amp; attachments</source>
        <translation>报告与附件</translation>
    </message>
    <message>
        <source>PDF, OFD, JPEG or PNG files (*.pdf *.ofd *.jpg *.jpeg *.png)</source>
        <translation>PDF、OFD、JPEG 或 PNG 文件 (*.pdf *.ofd *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Attach %1</source>
        <translation>添加附件 %1</translation>
    </message>
    <message>
        <source>Correct the details of %1</source>
        <translation>更正 %1 的报告信息</translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Choose the copy to put back.
The database as it is now is kept as a safety copy first, so a restore can itself be undone.</source>
        <translation>请选择要恢复的副本。
恢复前，当前数据库会先另存为一份安全副本，因此恢复操作本身也可以撤销。</translation>
    </message>
    <message>
        <source>daily copy</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <source>safety copy before a restore</source>
        <translation>恢复前的安全副本</translation>
    </message>
    <message>
        <source>There are no backups of this database yet.</source>
        <translation>此数据库还没有备份。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>保存被拒绝的行…</translation>
    </message>
    <message>
        <source>Undo this import…</source>
        <translation>撤销此次导入…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Imported %1: %2 new, %3 changed, %4 unchanged, %5 rejected.</source>
        <translation>已导入 %1：新增 %2，修改 %3，未变 %4，拒绝 %5。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with the rejected rows?</source>
        <translation>%1 已存在。要用被拒绝的行覆盖它吗？</translation>
    </message>
    <message>
        <source>Not saved: %1 was left as it was.</source>
        <translation>未保存：%1 保持原样。</translation>
    </message>
    <message>
        <source>Rejected rows saved to %1</source>
        <translation>被拒绝的行已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Amount (CNY)</source>
        <translation>金额（元）</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>Choose the sheet</source>
        <translation>选择工作表</translation>
    </message>
    <message>
        <source>The sheet that holds the patent list.</source>
        <translation>包含专利清单的工作表。</translation>
    </message>
    <message>
        <source>%1 — header in row %2, %3 columns recognised</source>
        <translation>%1 — 表头在第 %2 行，识别出 %3 列</translation>
    </message>
    <message>
        <source>%1 — no header recognised</source>
        <translation>%1 — 未识别出表头</translation>
    </message>
</context>
<context>
    <name>SmtpDialog</name>
    <message>
        <source>Outgoing mail server (SMTP)</source>
        <translation>发信服务器（SMTP）</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>None (not recommended)</source>
        <translation>不加密（不推荐）</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored password</source>
        <translation>留空则保留已保存的密码</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Server name is required</source>
        <translation>请填写服务器地址</translation>
    </message>
    <message>
        <source>Outgoing mail server (SMTP)…</source>
        <translation>发信服务器（SMTP）…</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Staff and current user</source>
        <translation>人员与当前用户</translation>
    </message>
    <message>
        <source>With a staff list, only its preparers sign as preparer and only its reviewers as reviewer.</source>
        <translation>设置人员名单后，只有名单中的经办人可作为经办人签核，只有复核人可作为复核人签核。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Acting as</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <source>Staff and current user…</source>
        <translation>人员与当前用户…</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TermsForm</name>
    <message>
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>利润</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Until the patent expires</source>
        <translation>至专利权期限届满</translation>
    </message>
    <message>
        <source>Each patent&apos;s licence term runs to its own last day in force</source>
        <translation>每件专利的许可期限均至该专利权期限届满之日</translation>
    </message>
    <message>
        <source>Use first, pay later</source>
        <translation>先试用后付费</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>按年</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>按季度</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount (CNY)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Entry fee (CNY)</source>
        <translation>入门费（元）</translation>
    </message>
    <message>
        <source>Royalty rate (%)</source>
        <translation>提成比例（%）</translation>
    </message>
    <message>
        <source>Royalty base</source>
        <translation>提成基数</translation>
    </message>
    <message>
        <source>Licence term</source>
        <translation>许可期限</translation>
    </message>
    <message>
        <source>Free at the start</source>
        <translation>前期免费</translation>
    </message>
    <message>
        <source>(not priced yet)</source>
        <translation>（尚未定价）</translation>
    </message>
    <message>
        <source>Royalty payment</source>
        <translation>提成支付周期</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>试用期</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>许可地域</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <source>Undo %1</source>
        <translation>撤销：%1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做：%1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to OpenLic Desktop</source>
        <translation>欢迎使用 OpenLic 专利开放许可助手</translation>
    </message>
    <message>
        <source>OpenLic Desktop helps your office list its patents, check which can be offered for open licensing, set the fees, and prepare the submission to the provincial IP bureau. Everything stays in one database file on this computer. How would you like to start?</source>
        <translation>本软件帮助技术转移机构整理专利清单、核查哪些专利可以开放许可、确定许可费，并准备报送省知识产权局的申报材料。所有数据都保存在本机的一个数据库文件中。您想从哪里开始？</translation>
    </message>
    <message>
        <source>Open the demo portfolio</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>300 made-up patents to look around safely.</source>
        <translation>载入 300 件虚构专利，放心试用各项功能。</translation>
    </message>
    <message>
        <source>Import my spreadsheet</source>
        <translation>导入我的专利表格</translation>
    </message>
    <message>
        <source>Your office&apos;s patent list in Excel (xlsx, xls), WPS or LibreOffice (ods), or CSV.</source>
        <translation>本单位的 Excel（xlsx、xls）、WPS 或 LibreOffice（ods）或 CSV 专利清单。</translation>
    </message>
    <message>
        <source>Open a database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>A database file saved earlier or handed over by a colleague.</source>
        <translation>以前保存的或同事交给您的数据库文件。</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Seal holder</source>
        <translation>印章保管人</translation>
    </message>
    <message>
        <source>Office details</source>
        <translation>本单位信息</translation>
    </message>
    <message>
        <source>These details go into the information tables, commitment letters and contracts.
You can change them later under Tools → Office details….</source>
        <translation>这些信息会用于申报信息表、承诺书和许可合同。
以后可在“工具 → 本单位信息…”中修改。</translation>
    </message>
    <message>
        <source>e.g. Technology Transfer Centre, Zhejiang University</source>
        <translation>例如：浙江大学技术转移中心</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>The guide is missing from this installation: %1</source>
        <translation>此安装中缺少使用指南：%1</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>Invention</source>
        <translation>发明</translation>
    </message>
    <message>
        <source>Utility model</source>
        <translation>实用新型</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>外观设计</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>审中</translation>
    </message>
    <message>
        <source>Lapsed</source>
        <translation>失效</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>届满</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Exclusive licence</source>
        <translation>独占许可</translation>
    </message>
    <message>
        <source>Sole licence</source>
        <translation>排他许可</translation>
    </message>
    <message>
        <source>Ordinary licence</source>
        <translation>普通许可</translation>
    </message>
    <message>
        <source>Pledge</source>
        <translation>质押</translation>
    </message>
    <message>
        <source>Ownership dispute</source>
        <translation>权属纠纷</translation>
    </message>
    <message>
        <source>Court preservation</source>
        <translation>保全</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转让</translation>
    </message>
    <message>
        <source>Other obstacle to exploitation</source>
        <translation>其他妨碍实施的情形</translation>
    </message>
    <message>
        <source>Patent right evaluation report</source>
        <translation>专利权评价报告</translation>
    </message>
    <message>
        <source>Search analysis report</source>
        <translation>检索分析报告</translation>
    </message>
    <message>
        <source>Sealed commitment letter</source>
        <translation>盖章承诺函</translation>
    </message>
    <message>
        <source>Pledgee&apos;s written consent</source>
        <translation>质权人书面同意</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Favourable (no defects)</source>
        <translation>未发现缺陷（有利）</translation>
    </message>
    <message>
        <source>Defects found</source>
        <translation>存在缺陷</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>Changed outside the app</source>
        <translation>已在软件外被改动</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未校验</translation>
    </message>
    <message>
        <source>Preparer</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>复核人</translation>
    </message>
    <message>
        <source>Preparer and reviewer</source>
        <translation>经办人和复核人</translation>
    </message>
    <message>
        <source>Application No.</source>
        <translation>申请号</translation>
    </message>
    <message>
        <source>Patent No.</source>
        <translation>专利号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>专利名称</translation>
    </message>
    <message>
        <source>Patent type</source>
        <translation>专利类型</translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation>法律状态</translation>
    </message>
    <message>
        <source>Filing date</source>
        <translation>申请日</translation>
    </message>
    <message>
        <source>Grant date</source>
        <translation>授权公告日</translation>
    </message>
    <message>
        <source>Last day in force</source>
        <translation>专利权期限届满日</translation>
    </message>
    <message>
        <source>Fees paid until</source>
        <translation>年费缴至</translation>
    </message>
    <message>
        <source>Patentees</source>
        <translation>专利权人</translation>
    </message>
    <message>
        <source>Inventors</source>
        <translation>发明人</translation>
    </message>
    <message>
        <source>IPC class</source>
        <translation>主分类号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>院系</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>App</source>
        <translation>本软件</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Commitment confirmed</source>
        <translation>确认承诺</translation>
    </message>
    <message>
        <source>Confirmation withdrawn</source>
        <translation>撤回确认</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>签核</translation>
    </message>
    <message>
        <source>Sign-off revoked</source>
        <translation>撤销签核</translation>
    </message>
    <message>
        <source>File attached</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Attachment removed</source>
        <translation>删除附件</translation>
    </message>
    <message>
        <source>Report details corrected</source>
        <translation>更正报告信息</translation>
    </message>
    <message>
        <source>Encumbrance added</source>
        <translation>登记权利负担</translation>
    </message>
    <message>
        <source>Encumbrance removed</source>
        <translation>删除权利负担</translation>
    </message>
    <message>
        <source>Co-owner consent</source>
        <translation>共有人同意</translation>
    </message>
    <message>
        <source>Co-owner consent withdrawn</source>
        <translation>撤回共有人同意</translation>
    </message>
    <message>
        <source>Pricing set</source>
        <translation>设定许可使用费</translation>
    </message>
    <message>
        <source>Declaration drafted</source>
        <translation>起草开放许可声明</translation>
    </message>
    <message>
        <source>Declaration edited</source>
        <translation>修改开放许可声明</translation>
    </message>
    <message>
        <source>Declaration draft discarded</source>
        <translation>放弃声明草稿</translation>
    </message>
    <message>
        <source>Declaration filed</source>
        <translation>提交开放许可声明</translation>
    </message>
    <message>
        <source>Declaration announced</source>
        <translation>开放许可声明已公告</translation>
    </message>
    <message>
        <source>Withdrawal filed</source>
        <translation>提交撤回声明</translation>
    </message>
    <message>
        <source>Withdrawal announced</source>
        <translation>撤回已公告</translation>
    </message>
    <message>
        <source>Co-owner consent to the withdrawal</source>
        <translation>共有人同意撤回</translation>
    </message>
    <message>
        <source>Filed despite blockers</source>
        <translation>存在阻止问题仍提交</translation>
    </message>
    <message>
        <source>Annual-fee reduction recorded</source>
        <translation>登记年费减缴</translation>
    </message>
    <message>
        <source>Annual-fee reduction removed</source>
        <translation>删除年费减缴</translation>
    </message>
    <message>
        <source>Licence fee terms</source>
        <translation>许可使用费条件</translation>
    </message>
    <message>
        <source>Fee-estimation note</source>
        <translation>许可使用费估算说明</translation>
    </message>
    <message>
        <source>Open-licence declaration</source>
        <translation>开放许可声明</translation>
    </message>
    <message>
        <source>Annual-fee reduction</source>
        <translation>年费减缴</translation>
    </message>
    <message>
        <source>Patents</source>
        <translation>专利</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>通讯地址</translation>
    </message>
    <message>
        <source>Patent agency</source>
        <translation>代理机构</translation>
    </message>
    <message>
        <source>Agency code</source>
        <translation>代理机构代码</translation>
    </message>
    <message>
        <source>Other terms</source>
        <translation>其他需要明确的事项</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>许可地域范围</translation>
    </message>
    <message>
        <source>Being drafted</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Signed off, not filed</source>
        <translation>已签核</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Announced</source>
        <translation>已公告</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Drafted</source>
        <translation>起草</translation>
    </message>
    <message>
        <source>Filed with CNIPA</source>
        <translation>提交国家知识产权局</translation>
    </message>
    <message>
        <source>Announced by CNIPA</source>
        <translation>国家知识产权局公告</translation>
    </message>
    <message>
        <source>Online (CNIPA business system)</source>
        <translation>专利业务办理系统在线提交</translation>
    </message>
    <message>
        <source>Through the local IP bureau</source>
        <translation>经地方知识产权局提交</translation>
    </message>
    <message>
        <source>Same-industry statistics</source>
        <translation>同行业统计数据</translation>
    </message>
    <message>
        <source>Earlier fees for the patent</source>
        <translation>该专利以往的许可使用费</translation>
    </message>
    <message>
        <source>Own exploitation revenue</source>
        <translation>自身实施收益</translation>
    </message>
    <message>
        <source>Common royalty rates</source>
        <translation>通常的提成比例</translation>
    </message>
    <message>
        <source>Valuation</source>
        <translation>资产评估</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大型</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中型</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>小型</translation>
    </message>
    <message>
        <source>Micro</source>
        <translation>微型</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>起草</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已报送</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Returned for changes</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已公开</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>报送</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Co-owner&apos;s written consent</source>
        <translation>共有人书面同意书</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Lump sum</source>
        <translation>一次性支付</translation>
    </message>
    <message>
        <source>Royalty</source>
        <translation>提成支付</translation>
    </message>
    <message>
        <source>Entry fee + royalty</source>
        <translation>入门费+提成</translation>
    </message>
    <message>
        <source>Entry fee</source>
        <translation>入门费</translation>
    </message>
</context>
</TS>
