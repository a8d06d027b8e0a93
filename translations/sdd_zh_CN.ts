<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DecisionBadge</name>
    <message>
        <source>review</source>
        <translation>复核</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;unlike every class it was trained on (unknown score %2)&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;与训练过的任何类别都不同（未知分数 %2）&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;not sure enough: a person should look (calibrated %2)&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;不够确定：需要人工查看（校准后 %2）&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;outside the image sizes it was trained on: %2&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;超出训练图像的尺寸范围：%2&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>relabel %1 as %2</source>
        <translation>将 %1 重新标注为 %2</translation>
    </message>
    <message>
        <source>relabel %1 images as %2</source>
        <translation>将 %1 张图像重新标注为 %2</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>false positive rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <source>true positive rate</source>
        <translation>真阳性率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>cross-entropy loss</source>
        <translation>交叉熵损失</translation>
    </message>
    <message>
        <source>accuracy / macro F1</source>
        <translation>准确率 / 宏 F1</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>validation macro F1</source>
        <translation>验证宏 F1</translation>
    </message>
    <message>
        <source> best: epoch %1, F1 %2 </source>
        <translation> 最佳：第 %1 轮，F1 %2 </translation>
    </message>
    <message>
        <source>SDD Workbench evaluation report</source>
        <translation>SDD Workbench 评估报告</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>label %1 · predicted %1</source>
        <translation>标签 %1 · 预测 %1</translation>
    </message>
    <message>
        <source>label %1 · predicted %2 (wrong)</source>
        <translation>标签 %1 · 预测 %2（错误）</translation>
    </message>
    <message>
        <source>Steel surface defect detection — evaluation report</source>
        <translation>钢材表面缺陷检测 — 评估报告</translation>
    </message>
    <message>
        <source>SDD Workbench %1 · %2 · model %3 on %4</source>
        <translation>SDD Workbench %1 · %2 · %4 上的模型 %3</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Images evaluated (%1 split)</source>
        <translation>评估的图像（%1 划分）</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <source>Macro AUC</source>
        <translation>宏 AUC</translation>
    </message>
    <message>
        <source>Lowest class AUC</source>
        <translation>最低类别 AUC</translation>
    </message>
    <message>
        <source>Median time per image, file read to decision</source>
        <translation>每张图像时间中位数，从读取文件到判定</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>1. Dataset</source>
        <translation>1. 数据集</translation>
    </message>
    <message>
        <source>Folder: %1
Layout: %2 · %3 classes · %4 images (%5 train, %6 validation; %7) · %8 files skipped while scanning · %9 duplicate groups.</source>
        <translation>文件夹：%1
结构：%2 · %3 个类别 · %4 张图像（训练 %5，验证 %6；%7）· 扫描时跳过 %8 个文件 · %9 组重复。</translation>
    </message>
    <message>
        <source>the dataset&apos;s own split</source>
        <translation>数据集自带的划分</translation>
    </message>
    <message>
        <source>seeded stratified split</source>
        <translation>固定种子的分层划分</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Relabels: %1 images carry a label different from their folder&apos;s; %2 journal entries since %3.</source>
        <translation>重新标注：%1 张图像的标签与其文件夹不同；自%3以来有 %2 条日志记录。</translation>
    </message>
    <message>
        <source>the workspace was created (no earlier report)</source>
        <translation>工作区创建（此前无报告）</translation>
    </message>
    <message>
        <source>the last report (%1)</source>
        <translation>上次报告（%1）</translation>
    </message>
    <message>
        <source>2. Model</source>
        <translation>2. 模型</translation>
    </message>
    <message>
        <source>conv %1×%1 + ReLU%2 + max-pool 2×2</source>
        <translation>卷积 %1×%1 + ReLU%2 + 最大池化 2×2</translation>
    </message>
    <message>
        <source> + BN</source>
        <translation> + BN</translation>
    </message>
    <message>
        <source>%1 + FC + ReLU</source>
        <translation>%1 + FC + ReLU</translation>
    </message>
    <message>
        <source>flatten</source>
        <translation>展平</translation>
    </message>
    <message>
        <source>global average pool</source>
        <translation>全局平均池化</translation>
    </message>
    <message>
        <source>FC + SoftMax</source>
        <translation>FC + SoftMax</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Weights (incl. bias)</source>
        <translation>权重（含偏置）</translation>
    </message>
    <message>
        <source>%1 · %2 weight layers · %3 weights in total (incl. BatchNorm) · %4 multiply-accumulates per image · file %5 (created %6).</source>
        <translation>%1 · %2 个权重层 · 共 %3 个权重（含 BatchNorm）· 每张图像 %4 次乘加 · 文件 %5（创建于 %6）。</translation>
    </message>
    <message>
        <source>3. Training</source>
        <translation>3. 训练</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>设置：%1</translation>
    </message>
    <message>
        <source>The model file records no training settings.</source>
        <translation>模型文件中没有记录训练设置。</translation>
    </message>
    <message>
        <source>%1 epochs, %2 s of training; best validation macro F1 %3 at epoch %4; last epoch: validation accuracy %5, macro F1 %6. Log: %7</source>
        <translation>%1 轮，训练 %2 秒；最佳验证宏 F1 %3（第 %4 轮）；最后一轮：验证准确率 %5，宏 F1 %6。日志：%7</translation>
    </message>
    <message>
        <source>No training log (log.jsonl) next to the model file, so no curves are shown.</source>
        <translation>模型文件旁没有训练日志（log.jsonl），因此不显示曲线。</translation>
    </message>
    <message>
        <source>4. Evaluation on the %1 split (%2 images)</source>
        <translation>4. 在 %1 划分上的评估（%2 张图像）</translation>
    </message>
    <message>
        <source>Accuracy %1 · macro precision %2 · macro recall %3 · macro F1 %4 · macro AUC %5 · mean cross-entropy %6. Labels are the current labels (relabels included). %7 images could not be classified.</source>
        <translation>准确率 %1 · 宏精确率 %2 · 宏召回率 %3 · 宏 F1 %4 · 宏 AUC %5 · 平均交叉熵 %6。标签为当前标签（含重新标注）。%7 张图像无法分类。</translation>
    </message>
    <message>
        <source>Confusion matrix (Fig. 6): rows are true classes, columns predicted classes; each cell gives the image count and the share of its row.</source>
        <translation>混淆矩阵（图 6）：行是真实类别，列是预测类别；每个单元格给出图像数量及其占该行的比例。</translation>
    </message>
    <message>
        <source>macro average</source>
        <translation>宏平均</translation>
    </message>
    <message>
        <source>Table IV: precision, recall and F1 per class</source>
        <translation>表 IV：各类别的精确率、召回率和 F1</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>ROC curves, one class against the rest (Fig. 7)</source>
        <translation>ROC 曲线，每个类别对其余类别（图 7）</translation>
    </message>
    <message>
        <source>5. Model comparison (Table V)</source>
        <translation>5. 模型比较（表 V）</translation>
    </message>
    <message>
        <source>%1 (reported by the paper)</source>
        <translation>%1（论文报告值）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Min AUC</source>
        <translation>最低 AUC</translation>
    </message>
    <message>
        <source>ms/img</source>
        <translation>毫秒/张</translation>
    </message>
    <message>
        <source>Our rows are measured here, on the %1 split of this dataset, on %2. The grey rows are the paper&apos;s own reported figures on NEU (not measured here; the paper gives no AUC or MACs).</source>
        <translation>我们的行是在此处、此数据集的 %1 划分上、于 %2 测得的。灰色行是论文在 NEU 上自行报告的数值（未在此测量；论文未给出 AUC 或乘加次数）。</translation>
    </message>
    <message>
        <source>6. Inference time and line speed</source>
        <translation>6. 推理时间与产线速度</translation>
    </message>
    <message>
        <source>Measured as the paper does: each image read from its file, decoded, preprocessed and classified on its own (batch 1), from reading the file to the decision, on %1 over %2 images.
median %3 ms · 95th percentile %4 ms · mean %5 ms per image.
With a field of view of %6 m along the strip, the mean time allows a line speed of %7 m/s (paper: 3.5 ms/image on an RTX 3090, 143.57 m/s at 0.5 m).</source>
        <translation>按论文的方式测量：每张图像单独（批大小 1）从文件读取、解码、预处理并分类，从读取文件到判定，在 %1 上共 %2 张图像。
中位数 %3 毫秒 · 第 95 百分位 %4 毫秒 · 平均每张 %5 毫秒。
沿带钢方向视野为 %6 米时，平均时间允许的产线速度为 %7 米/秒（论文：RTX 3090 上每张 3.5 毫秒，0.5 米时 143.57 米/秒）。</translation>
    </message>
    <message>
        <source>7. Examples (Fig. 8): SoftMax outputs per image</source>
        <translation>7. 示例（图 8）：每张图像的 SoftMax 输出</translation>
    </message>
    <message>
        <source>One correctly classified image per class (the most confident), then %1 of the %2 misclassified images (red frame).</source>
        <translation>每个类别一张正确分类的图像（置信度最高者），然后是 %2 张分类错误图像中的 %1 张（红框）。</translation>
    </message>
    <message>
        <source>8. Reproducibility</source>
        <translation>8. 可复现性</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Dataset fingerprint (FNV-1a 64: paths, contents, labels, split)</source>
        <translation>数据集指纹（FNV-1a 64：路径、内容、标签、划分）</translation>
    </message>
    <message>
        <source>Model file fingerprint (FNV-1a 64)</source>
        <translation>模型文件指纹（FNV-1a 64）</translation>
    </message>
    <message>
        <source>Training seed</source>
        <translation>训练随机种子</translation>
    </message>
    <message>
        <source>Program version</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <source>Report date (UTC)</source>
        <translation>报告日期（UTC）</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>To reproduce this report (add --out FILE.pdf): %1</source>
        <translation>重现此报告（加上 --out FILE.pdf）：%1</translation>
    </message>
    <message>
        <source>Not compared: %1.</source>
        <translation>未比较：%1。</translation>
    </message>
    <message>
        <source>Classes of these images</source>
        <translation>这些图像的类别</translation>
    </message>
    <message>
        <source>%1

Type the classes, separated by commas (e.g. crazing, patches, scratches). They are kept in the workspace.%2</source>
        <translation>%1

请输入类别，用逗号分隔（例如 crazing, patches, scratches）。它们保存在工作区中。%2</translation>
    </message>
    <message>
        <source>labels given (training images)</source>
        <translation>已给出的标签数（训练图像）</translation>
    </message>
    <message>
        <source>%1 (mean of %2 seeds)</source>
        <translation>%1（%2 个种子的平均）</translation>
    </message>
    <message>
        <source>all labels (median %1)</source>
        <translation>全部标签（中位数 %1）</translation>
    </message>
    <message>
        <source>0.01 below all labels</source>
        <translation>比全部标签低 0.01</translation>
    </message>
    <message>
        <source>perfectly calibrated</source>
        <translation>完美校准</translation>
    </message>
    <message>
        <source>as trained</source>
        <translation>训练所得</translation>
    </message>
    <message>
        <source>at temperature %1</source>
        <translation>温度 %1 下</translation>
    </message>
    <message>
        <source>top probability (bin mean)</source>
        <translation>最高概率（区间平均）</translation>
    </message>
    <message>
        <source>share classified right</source>
        <translation>分类正确的比例</translation>
    </message>
    <message>
        <source>errors among accepted</source>
        <translation>已接受图像中的错误</translation>
    </message>
    <message>
        <source>target %1 %</source>
        <translation>目标 %1 %</translation>
    </message>
    <message>
        <source>operating point: %1 % accepted above %2</source>
        <translation>工作点：高于 %2 时接受 %1 %</translation>
    </message>
    <message>
        <source>share accepted automatically (%)</source>
        <translation>自动接受比例 (%)</translation>
    </message>
    <message>
        <source>error rate among accepted (%)</source>
        <translation>已接受图像中的错误率 (%)</translation>
    </message>
    <message>
        <source>ECE %1 → %2 at temperature %3 (two-fold cross-fitted); Brier %4 → %5. At most %6 % errors among accepted images: %7 % accepted above a calibrated %8 (chosen on these images).</source>
        <translation>ECE %1 → %2，温度 %3（两折交叉拟合）；Brier %4 → %5。已接受图像中错误至多 %6 %：校准后高于 %8 时接受 %7 %（在这些图像上选定）。</translation>
    </message>
    <message>
        <source> The model&apos;s own rule (%1): %2 accepted, %3 to review, %4 unknown.</source>
        <translation> 模型自身的规则（%1）：接受 %2，复核 %3，未知 %4。</translation>
    </message>
    <message>
        <source>Calibration and the review rule</source>
        <translation>校准与复核规则</translation>
    </message>
    <message numerus="yes">
        <source>%n region(s) found</source>
        <translation>
            <numerusform>找到 %n 个区域</numerusform>
        </translation>
    </message>
    <message>
        <source>Where the defects are: the model&apos;s defect map</source>
        <translation>缺陷在哪里：模型的缺陷图</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Peak in a region</source>
        <translation>峰值在区域内</translation>
    </message>
    <message>
        <source>Centre in a region</source>
        <translation>中心在区域内</translation>
    </message>
    <message>
        <source>Box AP@0.5</source>
        <translation>框 AP@0.5</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 中的 %1</translation>
    </message>
    <message>
        <source>Warning: %1 of %2 evaluated images (%3 %) are images this model was trained on (the same files): the figures above overstate how it does on new images.</source>
        <translation>警告：评估的 %2 张图像中有 %1 张（%3 %）是该模型训练时用过的图像（相同文件）：上面的数值高估了它在新图像上的表现。</translation>
    </message>
    <message>
        <source>The model has a defect map, trained beside the classifier on the dataset&apos;s masks or boxes. On the %1 split, its peak falls inside an annotated region for %2 % of the %3 images that have one (the image centre: %4 %). The %7 reach a box AP at IoU 0.5 of %5 (mean over classes), and the map ≥ 0.5 a pixel IoU of %6 with the annotations. Below, one image per class: the map in colour, the annotations in red, the regions found dashed in yellow, the peak as a white cross.</source>
        <translation>该模型有一个缺陷图，与分类器一起用数据集的掩膜或框训练。在 %1 划分上，在有标注区域的 %3 张图像中，%2 % 的图像其峰值落在标注区域内（图像中心：%4 %）。%7在 IoU 0.5 下的框 AP 为 %5（各类平均），图 ≥ 0.5 与标注的像素 IoU 为 %6。下面每类一张图像：彩色为缺陷图，红色为标注，黄色虚线为找到的区域，白色十字为峰值。</translation>
    </message>
    <message>
        <source>boxes it finds (one per cell of the map, overlaps suppressed; those scored at least 0.5 shown)</source>
        <translation>它找到的框（缺陷图每个单元一个，去除重叠；仅显示得分至少 0.5 的框）</translation>
    </message>
    <message>
        <source>regions it finds (map ≥ 0.5, connected components)</source>
        <translation>它找到的区域（图 ≥ 0.5，连通分量）</translation>
    </message>
    <message>
        <source> Review thresholds of their own (most probable class, calibrated): %1.</source>
        <translation> 各自的复核阈值（按最可能的类别，已校准）：%1。</translation>
    </message>
    <message>
        <source>Pixel IoU</source>
        <translation>像素 IoU</translation>
    </message>
</context>
<context>
    <name>sddui::BrowseFilters</name>
    <message>
        <source>by current label</source>
        <translation>按当前标签</translation>
    </message>
    <message>
        <source>by original label</source>
        <translation>按原始标签</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>所有划分</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>所有图像</translation>
    </message>
    <message>
        <source>Relabeled</source>
        <translation>已重新标注</translation>
    </message>
    <message>
        <source>Misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复图像</translation>
    </message>
    <message>
        <source>Not classified yet</source>
        <translation>尚未分类</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Confidence (lowest first)</source>
        <translation>置信度（从低到高）</translation>
    </message>
    <message>
        <source>Search file names</source>
        <translation>搜索文件名</translation>
    </message>
    <message>
        <source>&lt;b&gt;Classes&lt;/b&gt;</source>
        <translation>&lt;b&gt;类别&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>All classes  (%1)</source>
        <translation>所有类别  (%1)</translation>
    </message>
    <message>
        <source>%1  %2  (%3)</source>
        <translation>%1  %2  (%3)</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <source>Relabeled (%1)</source>
        <translation>已重新标注（%1）</translation>
    </message>
    <message>
        <source>Unlabeled  (%1)</source>
        <translation>未标注  (%1)</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>Unsure (%1)</source>
        <translation>不确定 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 images shown</source>
        <translation>显示 %1/%2 张图像</translation>
    </message>
    <message>
        <source>; no confidence to sort by yet (Dataset ▸ Classify All Images)</source>
        <translation>；尚无可排序的置信度（数据集 ▸ 分类所有图像）</translation>
    </message>
    <message>
        <source>Model says: review</source>
        <translation>模型判定：复核</translation>
    </message>
    <message>
        <source>Model says: unknown</source>
        <translation>模型判定：未知</translation>
    </message>
    <message>
        <source>Images the model&apos;s rule calls unknown: unlike every class it was trained on (suggestions restored from an earlier session carry no unknown score: classify again to see them)</source>
        <translation>模型规则判为未知的图像：与训练过的任何类别都不同（从之前会话恢复的建议没有未知分数：重新分类即可看到）</translation>
    </message>
</context>
<context>
    <name>sddui::BrowserView</name>
    <message>
        <source>No image matches the filters.
Choose “All classes” and “All images”, or clear the search.</source>
        <translation>没有符合筛选条件的图像。
请选择“所有类别”和“所有图像”，或清除搜索。</translation>
    </message>
</context>
<context>
    <name>sddui::CalibrationView</name>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>at most </source>
        <translation>最多 </translation>
    </message>
    <message>
        <source>Errors allowed among the images accepted without a person</source>
        <translation>无需人工即被接受的图像中允许的错误</translation>
    </message>
    <message>
        <source>Review rule:</source>
        <translation>复核规则：</translation>
    </message>
    <message>
        <source>Save with the Model…</source>
        <translation>随模型保存…</translation>
    </message>
    <message>
        <source>Write a copy of the model whose decisions (sdd predict, Classify, Review, the report) follow this rule; its unknown detector is kept</source>
        <translation>写出一个模型副本，其判定（sdd predict、分类、复核、报告）遵循此规则；保留其未知检测器</translation>
    </message>
    <message>
        <source>Evaluate a model to see how far its confidence can be trusted.</source>
        <translation>评估模型后即可看到其置信度有多可信。</translation>
    </message>
    <message>
        <source>ECE %1 → %2 at temperature %3 (cross-fitted) · &lt;b&gt;%4 %&lt;/b&gt; accepted above a calibrated %5 with %6 % errors among them; the rest to review. Chosen on these %7 images; &lt;i&gt;Save with the Model&lt;/i&gt; (or &lt;tt&gt;sdd calibrate --max-risk&lt;/tt&gt;) makes it the model&apos;s rule.</source>
        <translation>ECE %1 → %2，温度 %3（交叉拟合）· 校准后高于 %5 时接受 &lt;b&gt;%4 %&lt;/b&gt;，其中错误 %6 %；其余复核。在这 %7 张图像上选定；&lt;i&gt;随模型保存&lt;/i&gt;（或 &lt;tt&gt;sdd calibrate --max-risk&lt;/tt&gt;）使其成为模型的规则。</translation>
    </message>
    <message>
        <source>per class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>A threshold for each class too, at the same error rate among the images predicted as it (fewer images each than overall: check the counts). Off: saving keeps the model&apos;s own per-class thresholds</source>
        <translation>也为每个类别设定阈值，在被预测为该类别的图像中按相同错误率选取（每类图像少于总体：请查看数量）。关闭时，保存会保留模型自身的按类别阈值</translation>
    </message>
    <message>
        <source>%1: overall (no image)</source>
        <translation>%1：使用总体阈值（无图像）</translation>
    </message>
    <message>
        <source>%1: %2 (%3 images)</source>
        <translation>%1：%2（%3 张图像）</translation>
    </message>
    <message>
        <source>&lt;br&gt;Per class: %1.</source>
        <translation>&lt;br&gt;按类别：%1。</translation>
    </message>
</context>
<context>
    <name>sddui::ClassifyPanel</name>
    <message>
        <source>Classify images…</source>
        <translation>分类图像…</translation>
    </message>
    <message>
        <source>Choose image files to classify (or drop them anywhere on the window)</source>
        <translation>选择要分类的图像文件（或将其拖放到窗口任意位置）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Results written to %1</source>
        <translation>结果已写入 %1</translation>
    </message>
    <message>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <source>Field of view of the camera along the strip (paper: 0.5 m)</source>
        <translation>相机沿带钢方向的视野（论文：0.5 米）</translation>
    </message>
    <message>
        <source>Field of view</source>
        <translation>视野</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not classified&lt;/b&gt;</source>
        <translation>&lt;b&gt;未分类&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Drop image files or folders anywhere on this window to classify them.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;将图像文件或文件夹拖放到此窗口任意位置即可分类。&lt;/p&gt;</translation>
    </message>
    <message>
        <source> — stopped</source>
        <translation> — 已停止</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:#d50000&apos;&gt;not classified: %2&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:#d50000&apos;&gt;未分类：%2&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;font-size:15pt&apos;&gt;%2&lt;/span&gt; &amp;nbsp;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;font-size:15pt&apos;&gt;%2&lt;/span&gt; &amp;nbsp;%3</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#00823c&apos;&gt;✓ matches its label&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#00823c&apos;&gt;✓ 与标签一致&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#d50000&apos;&gt;&lt;b&gt;✗ label is %1&lt;/b&gt;&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#d50000&apos;&gt;&lt;b&gt;✗ 标签为 %1&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No images classified yet.</source>
        <translation>尚无已分类的图像。</translation>
    </message>
    <message>
        <source>%1 of %2 image(s)</source>
        <translation>%2 张中的 %1 张</translation>
    </message>
    <message>
        <source> · %1 ms/image (file read → decision)</source>
        <translation> · 每张 %1 毫秒（读取文件 → 判定）</translation>
    </message>
    <message>
        <source> · %1 images/s</source>
        <translation> · 每秒 %1 张</translation>
    </message>
    <message>
        <source> · %1 not classified</source>
        <translation> · %1 张未分类</translation>
    </message>
    <message>
        <source>→ line speed %1 m/s</source>
        <translation>→ 产线速度 %1 米/秒</translation>
    </message>
    <message>
        <source>Double-click or Enter: show the image in the dataset</source>
        <translation>双击或按 Enter：在数据集中显示该图像</translation>
    </message>
    <message>
        <source> · &lt;span style=&apos;color:%1&apos;&gt;%2 OK&lt;/span&gt;, &lt;span style=&apos;color:%3&apos;&gt;%4 review&lt;/span&gt;, &lt;span style=&apos;color:%5&apos;&gt;%6 unknown&lt;/span&gt;</source>
        <translation> · &lt;span style=&apos;color:%1&apos;&gt;OK %2&lt;/span&gt;，&lt;span style=&apos;color:%3&apos;&gt;复核 %4&lt;/span&gt;，&lt;span style=&apos;color:%5&apos;&gt;未知 %6&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>sddui::DatasetModel</name>
    <message>
        <source>no dataset is open</source>
        <translation>未打开数据集</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>sddui::DatasetOpener</name>
    <message>
        <source>%1: no folder has this name, and more than one (or none) reads like it once the bytes of their names that are not UTF-8 text (Latin-1 or another old encoding) are replaced. Rename the folder, or use sdd on the command line, which reads it.</source>
        <translation>%1：没有此名称的文件夹；将名称中非 UTF-8 文本的字节（Latin-1 或其他旧编码）替换后，读起来与之相同的文件夹有多个（或一个也没有）。请重命名该文件夹，或使用能读取它的命令行工具 sdd。</translation>
    </message>
</context>
<context>
    <name>sddui::EvaluatePanel</name>
    <message>
        <source>Validation split</source>
        <translation>验证划分</translation>
    </message>
    <message>
        <source>Train split</source>
        <translation>训练划分</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>所有图像</translation>
    </message>
    <message>
        <source>Evaluate Model</source>
        <translation>评估模型</translation>
    </message>
    <message>
        <source>Classify every image of the split with the loaded model, one at a time, timed from file read to decision</source>
        <translation>用已加载的模型逐张分类该划分的每张图像，并计时从读取文件到判定</translation>
    </message>
    <message>
        <source>Evaluate on</source>
        <translation>评估对象</translation>
    </message>
    <message>
        <source>Click a cell to show its images in the browser</source>
        <translation>点击单元格可在浏览器中显示其图像</translation>
    </message>
    <message>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt; (rows: true class; counts and row %; click a cell to see its images)</source>
        <translation>&lt;b&gt;混淆矩阵&lt;/b&gt;（行：真实类别；数量与行百分比；点击单元格查看其图像）</translation>
    </message>
    <message>
        <source>&lt;b&gt;ROC curves&lt;/b&gt;, one class against the rest (wheel: zoom, drag: pan, double-click: reset)</source>
        <translation>&lt;b&gt;ROC 曲线&lt;/b&gt;，每个类别对其余类别（滚轮：缩放，拖动：平移，双击：复位）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Predicted as</source>
        <translation>被预测为</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Share of the class</source>
        <translation>占该类别比例</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>P(label)</source>
        <translation>P(标签)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <source>Min AUC</source>
        <translation>最低 AUC</translation>
    </message>
    <message>
        <source>ms/image</source>
        <translation>毫秒/张</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Compare Models</source>
        <translation>比较模型</translation>
    </message>
    <message>
        <source>Evaluate the shipped model and every model trained in this workspace on the chosen split</source>
        <translation>在所选划分上评估内置模型以及此工作区中训练的所有模型</translation>
    </message>
    <message>
        <source>Ours: measured here on the chosen split. The paper&apos;s rows are its reported figures.</source>
        <translation>我们的数值：在所选划分上于此测得。论文行为其报告的数值。</translation>
    </message>
    <message>
        <source>Images with boxes</source>
        <translation>带标注框的图像</translation>
    </message>
    <message>
        <source>Grad-CAM peak in a box</source>
        <translation>框内的 Grad-CAM 峰值</translation>
    </message>
    <message>
        <source>Image centre in a box (baseline)</source>
        <translation>框内的图像中心（基线）</translation>
    </message>
    <message>
        <source>Run Pointing Game</source>
        <translation>运行指向游戏</translation>
    </message>
    <message>
        <source>For every image of the split with VOC defect boxes: is the Grad-CAM peak for its labelled class inside a box?</source>
        <translation>对该划分中每张带 VOC 缺陷框的图像：其标签类别的 Grad-CAM 峰值是否在框内？</translation>
    </message>
    <message>
        <source>Needs a dataset with Pascal VOC boxes (NEU-DET has them). The image centre is shown as a baseline.</source>
        <translation>需要带 Pascal VOC 标注框的数据集（NEU-DET 有）。以图像中心作为基线显示。</translation>
    </message>
    <message>
        <source>Out-of-fold P(label)</source>
        <translation>折外 P(标签)</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>P(suggested)</source>
        <translation>P(建议)</translation>
    </message>
    <message>
        <source>folds: </source>
        <translation>折数：</translation>
    </message>
    <message>
        <source>epochs: </source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Find Suspected Label Errors</source>
        <translation>查找疑似标签错误</translation>
    </message>
    <message>
        <source>Train one model per fold on the other folds (the Train tab&apos;s settings) and score every image with the model that never saw it; list images whose label gets a low probability</source>
        <translation>每一折用其余各折训练一个模型（使用训练选项卡的设置），并用从未见过该图像的模型为每张图像评分；列出标签概率低的图像</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>k-fold cross-validation over all images; each is scored by a model that never saw it.</source>
        <translation>对所有图像进行 k 折交叉验证；每张图像由从未见过它的模型评分。</translation>
    </message>
    <message>
        <source>Table IV: per-class metrics</source>
        <translation>表 IV：各类别指标</translation>
    </message>
    <message>
        <source>Most confused pairs</source>
        <translation>最易混淆的类别对</translation>
    </message>
    <message>
        <source>Top losses</source>
        <translation>损失最高</translation>
    </message>
    <message>
        <source>Model comparison (Table V)</source>
        <translation>模型比较（表 V）</translation>
    </message>
    <message>
        <source>Suspected label errors</source>
        <translation>疑似标签错误</translation>
    </message>
    <message>
        <source>Explain: pointing game</source>
        <translation>解释：指向游戏</translation>
    </message>
    <message>
        <source>No image of this split has been classified yet: press &lt;b&gt;Evaluate Model&lt;/b&gt;.</source>
        <translation>此划分的图像尚未分类：请点击&lt;b&gt;评估模型&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Open a dataset and a model with the same classes, then press &lt;b&gt;Evaluate Model&lt;/b&gt;.</source>
        <translation>打开类别相同的数据集和模型，然后点击&lt;b&gt;评估模型&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2 images · accuracy &lt;b&gt;%3&lt;/b&gt; · macro F1 &lt;b&gt;%4&lt;/b&gt; · macro AUC %5 · lowest AUC %6 (%7) · median %8 ms/image, file read to decision</source>
        <translation>%2 张图像中的 &lt;b&gt;%1&lt;/b&gt; 张 · 准确率 &lt;b&gt;%3&lt;/b&gt; · 宏 F1 &lt;b&gt;%4&lt;/b&gt; · 宏 AUC %5 · 最低 AUC %6（%7）· 中位数每张 %8 毫秒（从读取文件到判定）</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>macro average</source>
        <translation>宏平均</translation>
    </message>
    <message>
        <source>Click to show it in the browser, then press a class number to relabel</source>
        <translation>点击可在浏览器中显示，然后按类别编号重新标注</translation>
    </message>
    <message>
        <source>%1 of %2 images scored out of fold have a label the models doubt (P(label) &lt; 0.5, another class more probable), lowest first. Click one to inspect and relabel it.</source>
        <translation>在折外评分的 %2 张图像中，有 %1 张的标签受到模型怀疑（P(标签) &lt; 0.5 且其他类别概率更高），按从低到高排列。点击即可查看并重新标注。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>No image of this split has defect boxes.</source>
        <translation>此划分中没有带缺陷框的图像。</translation>
    </message>
    <message>
        <source>%1 images with boxes%2. Peak: the Grad-CAM maximum for the labelled class.</source>
        <translation>带标注框的图像 %1 张%2。峰值：标签类别的 Grad-CAM 最大值。</translation>
    </message>
    <message>
        <source>, %1 without boxes left out</source>
        <translation>，排除 %1 张无标注框图像</translation>
    </message>
    <message>
        <source>%1 — reported by the paper</source>
        <translation>%1 — 论文报告值</translation>
    </message>
    <message>
        <source>not measured here</source>
        <translation>未在此测量</translation>
    </message>
    <message>
        <source>%1 model(s) measured on the %2 split, one image at a time from file read to decision. Grey rows: the paper&apos;s reported figures.%3</source>
        <translation>在 %2 划分上测量了 %1 个模型（逐张图像，从读取文件到判定）。灰色行：论文报告值。%3</translation>
    </message>
    <message>
        <source> Skipped: %1</source>
        <translation> 已跳过：%1</translation>
    </message>
    <message>
        <source>Calibration and review</source>
        <translation>校准与复核</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b style=&apos;color:#d50000&apos;&gt;Warning:&lt;/b&gt; %1 of %2 of these images (%3 %) are images this model was trained on (the same files): the figures overstate how it does on new images.</source>
        <translation>&lt;br&gt;&lt;b style=&apos;color:#d50000&apos;&gt;警告：&lt;/b&gt;这些图像中 %2 张里有 %1 张（%3 %）是该模型训练时用过的图像（相同文件）：这些数值高估了它在新图像上的表现。</translation>
    </message>
</context>
<context>
    <name>sddui::EvaluationController</name>
    <message>
        <source>Evaluating %1 model(s) on the %2 split…</source>
        <translation>正在 %2 划分上评估 %1 个模型…</translation>
    </message>
    <message>
        <source>Computing Grad-CAM for the %1 split…</source>
        <translation>正在计算 %1 划分的 Grad-CAM…</translation>
    </message>
    <message>
        <source>Pointing game failed: %1</source>
        <translation>指向游戏失败：%1</translation>
    </message>
    <message>
        <source>Training %1 models (%2 epochs each) in %3…</source>
        <translation>正在 %3 中训练 %1 个模型（每个 %2 轮）…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1 is the loaded model itself: choose another file</source>
        <translation>%1 就是已加载的模型本身：请选择另一个文件</translation>
    </message>
</context>
<context>
    <name>sddui::Exports</name>
    <message>
        <source>Export label journal</source>
        <translation>导出标签日志</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Label journal written to %1</source>
        <translation>标签日志已写入 %1</translation>
    </message>
    <message>
        <source>Export relabeled copy to an empty folder</source>
        <translation>将重新标注后的副本导出到空文件夹</translation>
    </message>
    <message>
        <source>%1 images copied to %2</source>
        <translation>已将 %1 张图像复制到 %2</translation>
    </message>
    <message>
        <source>Export manifest</source>
        <translation>导出清单</translation>
    </message>
    <message>
        <source>Manifest written to %1</source>
        <translation>清单已写入 %1</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <source>Export model as ONNX</source>
        <translation>将模型导出为 ONNX</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Model written to %1 (input &quot;image&quot;: RGB / 255, NCHW; output &quot;probabilities&quot;)</source>
        <translation>模型已写入 %1（输入 &quot;image&quot;：RGB / 255，NCHW；输出 &quot;probabilities&quot;）</translation>
    </message>
</context>
<context>
    <name>sddui::ImageView</name>
    <message>
        <source>added %1</source>
        <translation>添加了 %1</translation>
    </message>
    <message>
        <source>moved %1</source>
        <translation>移动了 %1</translation>
    </message>
    <message>
        <source>resized %1</source>
        <translation>调整了 %1 的大小</translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation>删除了 %1</translation>
    </message>
    <message>
        <source>%1 box made %2</source>
        <translation>%1 框改为 %2</translation>
    </message>
</context>
<context>
    <name>sddui::InferenceWorker</name>
    <message>
        <source>no model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>macro F1 %1 on %2</source>
        <translation>在 %2 上宏 F1 %1</translation>
    </message>
    <message>
        <source>not scored: %1</source>
        <translation>未评分：%1</translation>
    </message>
</context>
<context>
    <name>sddui::Inspector</name>
    <message>
        <source>Defect boxes</source>
        <translation>缺陷框</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the image to the view</source>
        <translation>使图像适应视图</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>Actual pixels</source>
        <translation>实际像素</translation>
    </message>
    <message>
        <source>Show the Pascal VOC defect regions of the dataset</source>
        <translation>显示数据集的 Pascal VOC 缺陷区域</translation>
    </message>
    <message>
        <source>Grad-CAM heat map of the predicted class: where the network looked (computed on the worker thread)</source>
        <translation>预测类别的 Grad-CAM 热图：网络关注的位置（在工作线程中计算）</translation>
    </message>
    <message>
        <source>Heat map opacity</source>
        <translation>热图不透明度</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>no heat map: %1</source>
        <translation>无热图：%1</translation>
    </message>
    <message>
        <source>%1; + marks the peak</source>
        <translation>%1；+ 标记峰值</translation>
    </message>
    <message>
        <source>%1; peak (+) %2 a defect box</source>
        <translation>%1；峰值（+）%2</translation>
    </message>
    <message>
        <source>inside</source>
        <translation>位于缺陷框内</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>位于缺陷框外</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an image to inspect it.&lt;/i&gt;</source>
        <translation>&lt;i&gt;选择一张图像进行检查。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No defect boxes</source>
        <translation>无缺陷框</translation>
    </message>
    <message>
        <source>Defect boxes (%1)</source>
        <translation>缺陷框（%1）</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source> (was %1)</source>
        <translation>（原为 %1）</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source> &lt;b style=&apos;color:#d50000&apos;&gt;≠ label&lt;/b&gt;</source>
        <translation> &lt;b style=&apos;color:#d50000&apos;&gt;≠ 标签&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>%1 × %2, %3 channel(s)</source>
        <translation>%1 × %2，%3 通道</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>byte-identical to another image</source>
        <translation>与另一张图像逐字节相同</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>By</source>
        <translation>由</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>(no class)</source>
        <translation>（无类别）</translation>
    </message>
    <message>
        <source> (model %1)</source>
        <translation>（模型 %1）</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩膜</translation>
    </message>
    <message>
        <source>Show the image&apos;s pixel mask from the dataset (the defect&apos;s pixels)</source>
        <translation>显示数据集中该图像的像素掩膜（缺陷像素）</translation>
    </message>
    <message>
        <source>Mask opacity</source>
        <translation>掩膜不透明度</translation>
    </message>
    <message>
        <source>No mask</source>
        <translation>无掩膜</translation>
    </message>
    <message>
        <source>Mask unreadable</source>
        <translation>掩膜无法读取</translation>
    </message>
    <message>
        <source>Defect map</source>
        <translation>缺陷图</translation>
    </message>
    <message>
        <source>Defect map: where the model, trained on the dataset&apos;s masks or boxes, finds defects (dashed: the regions it finds). Grad-CAM: where the classifier looked.</source>
        <translation>缺陷图：用数据集的掩膜或框训练的模型找到缺陷的位置（虚线：找到的区域）。Grad-CAM：分类器关注的位置。</translation>
    </message>
    <message numerus="yes">
        <source>defect map (%1), %n region(s)</source>
        <translation>
            <numerusform>缺陷图（%1），%n 个区域</numerusform>
        </translation>
    </message>
    <message>
        <source>Grad-CAM of %1</source>
        <translation>%1 的 Grad-CAM</translation>
    </message>
    <message>
        <source>Edit boxes</source>
        <translation>编辑框</translation>
    </message>
    <message>
        <source>Edit the defect boxes: drag on the image to draw one, drag a box or its edges to move or resize it, Tab to pick the next, arrows to nudge (Shift: 10 px), Delete to remove. Saved in the workspace&apos;s journal (Edit ▸ Undo); the dataset&apos;s files are not changed.</source>
        <translation>编辑缺陷框：在图像上拖动以绘制，拖动框或其边缘以移动或调整大小，Tab 选择下一个，方向键微调（Shift：10 像素），Delete 删除。保存在工作区日志中（编辑 ▸ 撤销）；数据集文件不会被修改。</translation>
    </message>
    <message>
        <source>Box class</source>
        <translation>框类别</translation>
    </message>
    <message>
        <source>The class of a new box, and of the selected one</source>
        <translation>新框及所选框的类别</translation>
    </message>
    <message>
        <source>Delete box</source>
        <translation>删除框</translation>
    </message>
    <message>
        <source>Delete the selected box (Delete key)</source>
        <translation>删除所选框（Delete 键）</translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt; (label and boxes)</source>
        <translation>&lt;b&gt;历史&lt;/b&gt;（标签和框）</translation>
    </message>
    <message>
        <source>boxes %1 → %2</source>
        <translation>框 %1 → %2</translation>
    </message>
    <message>
        <source>boxes %1</source>
        <translation>框 %1</translation>
    </message>
    <message>
        <source>no label or box given here yet</source>
        <translation>此处尚未给出标签或框</translation>
    </message>
</context>
<context>
    <name>sddui::LabelActions</name>
    <message>
        <source>&amp;%1  %2</source>
        <translation>&amp;%1  %2</translation>
    </message>
    <message>
        <source>Other Class, with a Note…</source>
        <translation>其他类别，附备注…</translation>
    </message>
    <message>
        <source>Relabel with a note</source>
        <translation>附备注重新标注</translation>
    </message>
    <message>
        <source>why (kept in the label journal)</source>
        <translation>原因（保存在标签日志中）</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>新类别</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>sddui::LabelingController</name>
    <message>
        <source>training was stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>the new model could not be loaded</source>
        <translation>无法加载新模型</translation>
    </message>
    <message>
        <source>Open a dataset to review its images.</source>
        <translation>打开数据集以审阅其图像。</translation>
    </message>
    <message>
        <source>No suggestions yet: score the unlabeled images first.</source>
        <translation>尚无建议：请先为未标注图像评分。</translation>
    </message>
    <message>
        <source>Nothing to review in this order.</source>
        <translation>此顺序下没有需要审阅的图像。</translation>
    </message>
    <message>
        <source>Every image of the queue is decided. Unsure ones are under Show ▸ Unsure.</source>
        <translation>队列中的所有图像都已决定。不确定的图像在 显示 ▸ 不确定 中。</translation>
    </message>
    <message>
        <source>label %1 as %2</source>
        <translation>将 %1 标注为 %2</translation>
    </message>
    <message>
        <source>The mark was not saved: %1</source>
        <translation>标记未保存：%1</translation>
    </message>
    <message>
        <source>%1 of %2 decided, %3 unsure</source>
        <translation>已决定 %1/%2，%3 个不确定</translation>
    </message>
    <message>
        <source>, %1 h %2 min at your pace</source>
        <translation>，按您的速度还需 %1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>, %1 min at your pace</source>
        <translation>，按您的速度还需 %1 分钟</translation>
    </message>
    <message numerus="yes">
        <source>accept %n suggestion(s) at least %1 confident</source>
        <translation>
            <numerusform>接受置信度至少 %1 的 %n 条建议</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept confident suggestions</source>
        <translation>接受高置信度建议</translation>
    </message>
    <message>
        <source>Confidence at least</source>
        <translation>最低置信度</translation>
    </message>
    <message numerus="yes">
        <source>Labels %n image(s) without a class</source>
        <translation>
            <numerusform>为 %n 张无类别图像加标签</numerusform>
        </translation>
    </message>
    <message>
        <source>On the %1 validation images labeled by hand or by folder that the model is this confident about, its suggestion was right for %2 (%3 %).</source>
        <translation>在模型达到此置信度、由人工或文件夹标注的 %1 张验证图像中，建议正确 %2 张（%3 %）。</translation>
    </message>
    <message>
        <source>No labeled validation image has a suggestion this confident: how accurate the threshold is cannot be checked.</source>
        <translation>没有已标注的验证图像具有这么高置信度的建议：无法检验此阈值的准确率。</translation>
    </message>
    <message>
        <source>training could not start (see the Train tab)</source>
        <translation>无法开始训练（见训练选项卡）</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) the model calls unknown are left out: a person labels them.</source>
        <translation>
            <numerusform>模型判为未知的 %n 张图像不包含在内：由人工标注。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sddui::LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>The language changes the next time SDD Workbench starts.</source>
        <translation>语言将在下次启动 SDD Workbench 时更改。</translation>
    </message>
</context>
<context>
    <name>sddui::MainWindow</name>
    <message>
        <source>SDD Workbench</source>
        <translation>SDD Workbench</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Could not load the model %1:
%2</source>
        <translation>无法加载模型 %1：
%2</translation>
    </message>
    <message>
        <source>Training finished: %1</source>
        <translation>训练完成：%1</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Open Dataset…</source>
        <translation>打开数据集(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Recent &amp;Datasets</source>
        <translation>最近的数据集(&amp;D)</translation>
    </message>
    <message>
        <source>Recent M&amp;odels</source>
        <translation>最近的模型(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Classify Images…</source>
        <translation>分类图像(&amp;C)…</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Export Label &amp;Journal (CSV)…</source>
        <translation>导出标签日志（CSV）(&amp;J)…</translation>
    </message>
    <message>
        <source>Export Relabeled &amp;Copy…</source>
        <translation>导出重新标注后的副本(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;Manifest (CSV)…</source>
        <translation>导出清单（CSV）(&amp;M)…</translation>
    </message>
    <message>
        <source>Export &amp;Report (PDF)…</source>
        <translation>导出报告（PDF）(&amp;R)…</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Export Model as &amp;ONNX…</source>
        <translation>将模型导出为 ONNX(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>&amp;Label Selected As</source>
        <translation>将所选标注为(&amp;L)</translation>
    </message>
    <message>
        <source>Relabel with &amp;Note…</source>
        <translation>附备注重新标注(&amp;N)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Advance After Labeling</source>
        <translation>标注后前进到下一张(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Dataset</source>
        <translation>数据集(&amp;D)</translation>
    </message>
    <message>
        <source>Classify &amp;All Images</source>
        <translation>分类所有图像(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>&amp;Clear Predictions</source>
        <translation>清除预测(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About SDD Workbench</source>
        <translation>关于 SDD Workbench(&amp;A)</translation>
    </message>
    <message>
        <source>About SDD Workbench</source>
        <translation>关于 SDD Workbench</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>正在扫描 %1…</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>This model cannot be used with the open dataset.

%1</source>
        <translation>此模型不能用于已打开的数据集。

%1</translation>
    </message>
    <message>
        <source>Still classifying the previous batch; stop it first.</source>
        <translation>仍在分类上一批；请先停止。</translation>
    </message>
    <message>
        <source>No image files in what was dropped.</source>
        <translation>拖放的内容中没有图像文件。</translation>
    </message>
    <message>
        <source>%1 non-image file(s) in the folders ignored</source>
        <translation>已忽略文件夹中 %1 个非图像文件</translation>
    </message>
    <message>
        <source>Needs an open dataset and a model trained on its classes</source>
        <translation>需要已打开的数据集以及按其类别训练的模型</translation>
    </message>
    <message>
        <source>Open dataset folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <source>SDD models (*.sddm);;All files (*)</source>
        <translation>SDD 模型 (*.sddm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Classify images</source>
        <translation>分类图像</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open a dataset first.</source>
        <translation>请先打开数据集。</translation>
    </message>
    <message>
        <source>The loaded model&apos;s classes (%1) differ from the dataset&apos;s (%2); open a model trained on these classes.</source>
        <translation>已加载模型的类别（%1）与数据集的类别（%2）不同；请打开按这些类别训练的模型。</translation>
    </message>
    <message>
        <source>The %1 split has no images.</source>
        <translation>%1 划分中没有图像。</translation>
    </message>
    <message>
        <source>Showing %1 image(s) labeled %2 and predicted %3 (%4 split)</source>
        <translation>显示标签为 %2、预测为 %3 的 %1 张图像（%4 划分）</translation>
    </message>
    <message>
        <source>Suspected label errors</source>
        <translation>疑似标签错误</translation>
    </message>
    <message>
        <source>The Train tab&apos;s settings are not valid: %1</source>
        <translation>训练选项卡的设置无效：%1</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Open a dataset and a model with the same classes first.</source>
        <translation>请先打开类别相同的数据集和模型。</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Another evaluation is running; try again when it ends.</source>
        <translation>另一项评估正在运行；请在其结束后重试。</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Evaluating for the report…</source>
        <translation>正在为报告进行评估…</translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation>报告未写入：%1</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Label journal</source>
        <translation>标注日志</translation>
    </message>
    <message>
        <source>The change was not saved: %1</source>
        <translation>更改未保存：%1</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <source>Your &amp;Name in the Label Journal…</source>
        <translation>标签日志中的姓名(&amp;N)…</translation>
    </message>
    <message>
        <source>Your name in the label journal</source>
        <translation>标签日志中的姓名</translation>
    </message>
    <message>
        <source>Labels you give are recorded with this name (empty: the system&apos;s user name).</source>
        <translation>您给出的标签将以此姓名记录（留空：系统用户名）。</translation>
    </message>
    <message>
        <source>%1 is not an image of the open dataset.</source>
        <translation>%1 不是已打开数据集中的图像。</translation>
    </message>
    <message>
        <source>Save the review rule with a copy of the model</source>
        <translation>将复核规则随模型副本保存</translation>
    </message>
    <message>
        <source>SDD models (*.sddm)</source>
        <translation>SDD 模型 (*.sddm)</translation>
    </message>
    <message>
        <source>Save the review rule</source>
        <translation>保存复核规则</translation>
    </message>
    <message>
        <source>Saved and loaded %1</source>
        <translation>已保存并加载 %1</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>图像 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Set Class &amp;List…</source>
        <translation>设置类别列表(&amp;L)…</translation>
    </message>
    <message>
        <source>The classes of this dataset. Folders named after them are class folders, also inside other folders; images elsewhere are to label.</source>
        <translation>此数据集的类别。以它们命名的文件夹即为类别文件夹，即使位于其他文件夹之内；其他位置的图像为待标注图像。</translation>
    </message>
</context>
<context>
    <name>sddui::ProbabilityChart</name>
    <message>
        <source>SoftMax probability</source>
        <translation>SoftMax 概率</translation>
    </message>
    <message>
        <source> (label)</source>
        <translation>（标签）</translation>
    </message>
</context>
<context>
    <name>sddui::ReductionDialog</name>
    <message>
        <source>Model reduction (paper Fig. 3)</source>
        <translation>模型缩减（论文图 3）</translation>
    </message>
    <message>
        <source>Starting from &lt;b&gt;%1&lt;/b&gt; (%2 weights): train briefly, then try smaller variants (drop the last conv stage, halve the conv widths, halve or drop the hidden FC), fewest weights first, keeping the first whose validation macro F1 stays within the tolerance of the base network&apos;s; repeat; then train the chosen network longer. Runs go to %3.</source>
        <translation>从 &lt;b&gt;%1&lt;/b&gt;（%2 个权重）开始：先短暂训练，再按权重从少到多尝试更小的变体（去掉最后一个卷积阶段、卷积宽度减半、隐藏 FC 减半或去掉），保留第一个验证宏 F1 与基础网络相差不超过容差的变体；重复；然后对选定的网络进行更长时间的训练。运行保存在 %3。</translation>
    </message>
    <message>
        <source>Tolerance: F1 a smaller model may lose against the base</source>
        <translation>容差：较小模型相对基础网络可损失的 F1</translation>
    </message>
    <message>
        <source>Epochs per candidate</source>
        <translation>每个候选的轮数</translation>
    </message>
    <message>
        <source>Epochs for the chosen network</source>
        <translation>所选网络的训练轮数</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Use Final Model</source>
        <translation>使用最终模型</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <source>Min AUC</source>
        <translation>最低 AUC</translation>
    </message>
    <message>
        <source>ms/image</source>
        <translation>毫秒/张</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终</translation>
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
        <source>Training the base network…</source>
        <translation>正在训练基础网络…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Stopped. The models trained so far are kept in %1.</source>
        <translation>已停止。已训练的模型保存在 %1。</translation>
    </message>
    <message>
        <source>Chosen: %1 (%2 weights). Table V is also written as %3 and %4.</source>
        <translation>已选定：%1（%2 个权重）。表 V 也已写入 %3 和 %4。</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次后停止…</translation>
    </message>
</context>
<context>
    <name>sddui::RelabelController</name>
    <message numerus="yes">
        <source>Waiting for the label journal (another program is writing to it): %n change(s) not saved yet</source>
        <translation>
            <numerusform>正在等待标注日志（另一个程序正在写入）：%n 项更改尚未保存</numerusform>
        </translation>
    </message>
    <message>
        <source>All changes saved to the label journal</source>
        <translation>所有更改已保存到标注日志</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) relabeled by another program</source>
        <translation>
            <numerusform>另一个程序重新标注了 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot follow the label journal: %1</source>
        <translation>无法跟踪标注日志：%1</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销(&amp;U) %1</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做(&amp;R) %1</translation>
    </message>
</context>
<context>
    <name>sddui::ResultsModel</name>
    <message>
        <source>— %1</source>
        <translation>— %1</translation>
    </message>
    <message>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <source>✗ differs</source>
        <translation>✗ 不同</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>calibrated probability %1, unknown score %2</source>
        <translation>校准概率 %1，未知分数 %2</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>sddui::ReviewPanel</name>
    <message>
        <source>Least confident first</source>
        <translation>置信度最低优先</translation>
    </message>
    <message>
        <source>Likely label errors first</source>
        <translation>可能的标签错误优先</translation>
    </message>
    <message>
        <source>File order</source>
        <translation>文件顺序</translation>
    </message>
    <message>
        <source>Score Unlabeled Images</source>
        <translation>为未标注图像评分</translation>
    </message>
    <message>
        <source>Classify the images without a class with the loaded model; the suggestions are kept in the workspace</source>
        <translation>用已加载的模型对无类别图像分类；建议保存在工作区中</translation>
    </message>
    <message>
        <source>Accept Confident Suggestions…</source>
        <translation>接受高置信度建议…</translation>
    </message>
    <message>
        <source>Train &amp;&amp; Re-score</source>
        <translation>训练并重新评分</translation>
    </message>
    <message>
        <source>Train on the labeled images with the Train tab&apos;s settings, then score the unlabeled ones with the new model</source>
        <translation>用训练选项卡的设置在已标注图像上训练，然后用新模型为未标注图像评分</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>Accept Suggestion  (Enter)</source>
        <translation>接受建议  (Enter)</translation>
    </message>
    <message>
        <source>Unsure  (U)</source>
        <translation>不确定  (U)</translation>
    </message>
    <message>
        <source>Undo  (Backspace)</source>
        <translation>撤销  (Backspace)</translation>
    </message>
    <message>
        <source>Open a dataset and load a model to review its images.</source>
        <translation>打开数据集并加载模型以审阅其图像。</translation>
    </message>
    <message>
        <source>Cannot show %1</source>
        <translation>无法显示 %1</translation>
    </message>
    <message>
        <source>no class yet</source>
        <translation>尚无类别</translation>
    </message>
    <message>
        <source>suggestion: &lt;b&gt;%1&lt;/b&gt; (%2 %)</source>
        <translation>建议：&lt;b&gt;%1&lt;/b&gt;（%2 %）</translation>
    </message>
    <message>
        <source>not scored yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>Model&apos;s doubts first (unknown, review)</source>
        <translation>模型存疑的优先（未知、复核）</translation>
    </message>
</context>
<context>
    <name>sddui::ScanProblems</name>
    <message>
        <source>Opened %1: %2 images, %3 classes (%4)</source>
        <translation>已打开 %1：%2 张图像，%3 个类别（%4）</translation>
    </message>
    <message>
        <source>, %1 file(s) skipped</source>
        <translation>，跳过 %1 个文件</translation>
    </message>
    <message>
        <source>, %1 relabel(s) from the workspace</source>
        <translation>，来自工作区的 %1 次重新标注</translation>
    </message>
    <message>
        <source>%1: relabeled in the workspace but no longer in the dataset</source>
        <translation>%1：在工作区中重新标注过，但已不在数据集中</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>%1 file(s) could not be used; the rest of the dataset is open.</source>
        <translation>%1 个文件无法使用；数据集的其余部分已打开。</translation>
    </message>
    <message>
        <source>a folder per class</source>
        <translation>每个类别一个文件夹</translation>
    </message>
    <message>
        <source>images without classes</source>
        <translation>无类别的图像</translation>
    </message>
    <message>
        <source>, %1 group(s) of identical images labeled differently (Show: Duplicates)</source>
        <translation>，%1 组内容相同但标签不同的图像（显示：重复图像）</translation>
    </message>
    <message>
        <source>classes from a CSV file</source>
        <translation>来自 CSV 文件的类别</translation>
    </message>
    <message>
        <source>images with masks; classes from the masks</source>
        <translation>带掩码的图像；类别来自掩码</translation>
    </message>
    <message>
        <source>, read from %1</source>
        <translation>，从 %1 读取</translation>
    </message>
    <message>
        <source>The dataset is open. Where its files allow two readings, it was read as below.</source>
        <translation>数据集已打开。文件可有两种理解之处，已按下列方式读取。</translation>
    </message>
    <message>
        <source>Dataset &gt; Set Class List… takes other classes.</source>
        <translation>如需其他类别，请使用“数据集 &gt; 设置类别列表…”。</translation>
    </message>
</context>
<context>
    <name>sddui::StatusLabels</name>
    <message>
        <source>No dataset</source>
        <translation>无数据集</translation>
    </message>
    <message>
        <source>Dataset: %1</source>
        <translation>数据集：%1</translation>
    </message>
    <message>
        <source>%1
Workspace (label journal): %2</source>
        <translation>%1
工作区（标签日志）：%2</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source> (other classes)</source>
        <translation>（其他类别）</translation>
    </message>
    <message>
        <source>%1
%2, %3 parameters
classes: %4
%5</source>
        <translation>%1
%2，%3 个参数
类别：%4
%5</translation>
    </message>
    <message>
        <source>Device: %1, %2 engine</source>
        <translation>设备：%1，%2 引擎</translation>
    </message>
</context>
<context>
    <name>sddui::ThumbnailDelegate</name>
    <message>
        <source>unlabeled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>sddui::TrainForm</name>
    <message>
        <source>Recommended: 50 px, BatchNorm, global average pooling, weight average</source>
        <translation>推荐：50 px、BatchNorm、全局平均池化、权重平均</translation>
    </message>
    <message>
        <source>Paper Table II (conv 8-16-32-64, FC 16)</source>
        <translation>论文表 II（卷积 8-16-32-64，FC 16）</translation>
    </message>
    <message>
        <source>Table II + BatchNorm</source>
        <translation>表 II + BatchNorm</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Output channels of each conv + max-pool block, comma separated</source>
        <translation>每个卷积 + 最大池化块的输出通道数，以逗号分隔</translation>
    </message>
    <message>
        <source>Images are resized to this square size. On NEU&apos;s 200-px images 50 px was as accurate as 100 or 200 px for a fraction of the work; JPEGs at least twice the size are decoded at 1/2, 1/4 or 1/8 scale, which is also faster.</source>
        <translation>图像缩放到此正方形尺寸。在 NEU 的 200 px 图像上，50 px 与 100 px 或 200 px 一样准确，而计算量只是其一小部分；尺寸至少为输入两倍的 JPEG 以 1/2、1/4 或 1/8 比例解码，速度也更快。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>flatten (Table II)</source>
        <translation>展平（表 II）</translation>
    </message>
    <message>
        <source>global average pool</source>
        <translation>全局平均池化</translation>
    </message>
    <message>
        <source>BatchNorm after each conv</source>
        <translation>每个卷积后加 BatchNorm</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>flips, 90° rotations, brightness/contrast</source>
        <translation>翻转、90° 旋转、亮度/对比度</translation>
    </message>
    <message>
        <source>Largest Gaussian noise sigma added to training images, in [0,1] pixel units (0.04 is about 10 grey levels)</source>
        <translation>添加到训练图像的高斯噪声 sigma 的最大值，以 [0,1] 像素为单位（0.04 约为 10 个灰度级）</translation>
    </message>
    <message>
        <source>Largest Gaussian blur sigma applied to half of the training images</source>
        <translation>对一半训练图像施加的高斯模糊 sigma 的最大值</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Validate and keep an exponential moving average of the weights, with this decay per batch (0.999 in the recommended recipe; off = the weights as trained)</source>
        <translation>验证并保存权重的指数移动平均，每个批次按此衰减率更新（推荐配方为 0.999；关闭 = 直接使用训练得到的权重）</translation>
    </message>
    <message>
        <source>Share of each training label spread evenly over all classes</source>
        <translation>每个训练标签中平均分配给所有类别的比例</translation>
    </message>
    <message>
        <source>last epoch</source>
        <translation>最后一轮</translation>
    </message>
    <message>
        <source>best validation F1</source>
        <translation>最佳验证 F1</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>所有核心</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <source>Conv widths</source>
        <translation>卷积宽度</translation>
    </message>
    <message>
        <source>Hidden FC</source>
        <translation>隐藏 FC</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>输出头</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率计划</translation>
    </message>
    <message>
        <source>Early stop after</source>
        <translation>提前停止条件</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Blur</source>
        <translation>模糊</translation>
    </message>
    <message>
        <source>Weight average</source>
        <translation>权重平均</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>conv widths: &apos;%1&apos; is not a positive whole number</source>
        <translation>卷积宽度：&apos;%1&apos; 不是正整数</translation>
    </message>
    <message>
        <source>conv widths: give at least one width, e.g. 8,16,32,64</source>
        <translation>卷积宽度：请至少给出一个宽度，例如 8,16,32,64</translation>
    </message>
    <message>
        <source>%1 weights, %2 MACs per image, %3 weight layers</source>
        <translation>%1 个权重，每张图像 %2 次乘加，%3 个权重层</translation>
    </message>
    <message>
        <source>at least </source>
        <translation>至少 </translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>no step minimum</source>
        <translation>无最少步数</translation>
    </message>
    <message>
        <source>A small training set gets more epochs, so that training takes at least this many optimizer steps (the recommended recipe: 3,600, its 80 epochs on NEU)</source>
        <translation>小训练集会增加轮数，使训练至少进行这么多优化步（推荐方案：3,600，即在 NEU 上的 80 轮）</translation>
    </message>
    <message>
        <source>Balance classes</source>
        <translation>类别均衡</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>loss weights 1/n</source>
        <translation>损失权重 1/n</translation>
    </message>
    <message>
        <source>loss weights 1/√n</source>
        <translation>损失权重 1/√n</translation>
    </message>
    <message>
        <source>balanced batches</source>
        <translation>均衡批次</translation>
    </message>
    <message>
        <source>How classes with few training images are evened out. auto: balanced batches (each class equally likely) when the largest class has 3 times the images of the smallest or more. Loss weights: inverse to the class&apos;s image count n, or to its square root.</source>
        <translation>如何补偿训练图像较少的类别。自动：当最大类别的图像数为最小类别的 3 倍或以上时使用均衡批次（每个类别概率相同）。损失权重：与类别图像数 n 成反比，或与其平方根成反比。</translation>
    </message>
</context>
<context>
    <name>sddui::TrainPanel</name>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the selected run from its last completed epoch</source>
        <translation>从最后完成的一轮继续所选的运行</translation>
    </message>
    <message>
        <source>Use Model</source>
        <translation>使用模型</translation>
    </message>
    <message>
        <source>Load the selected run&apos;s model in the workbench</source>
        <translation>在工作台中加载所选运行的模型</translation>
    </message>
    <message>
        <source>Reduce Model (Fig. 3)…</source>
        <translation>缩减模型（图 3）…</translation>
    </message>
    <message>
        <source>The paper&apos;s model-reduction search, starting from this network</source>
        <translation>论文中的模型缩减搜索，从此网络开始</translation>
    </message>
    <message>
        <source>Runs kept in this workspace. Tick runs to overlay their curves; select one to see it.</source>
        <translation>此工作区中保存的运行。勾选以叠加其曲线；选中一项以查看。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Runs in this workspace&lt;/b&gt;</source>
        <translation>&lt;b&gt;此工作区中的训练运行&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Open a dataset to train on it.</source>
        <translation>打开数据集后即可在其上训练。</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Train acc</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>Val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Val acc</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Val macro F1</source>
        <translation>验证宏 F1</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>%1   %2/%3 epochs%4   best F1 %5</source>
        <translation>%1   %2/%3 轮%4   最佳 F1 %5</translation>
    </message>
    <message>
        <source> (stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <source>Open a dataset first.</source>
        <translation>请先打开数据集。</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <source>Cannot create the run folder %1 (is the workspace writable?)</source>
        <translation>无法创建运行文件夹 %1（工作区是否可写？）</translation>
    </message>
    <message>
        <source>Cannot resume %1: its run.json is unreadable (%2)</source>
        <translation>无法恢复 %1：其 run.json 无法读取（%2）</translation>
    </message>
    <message>
        <source>Training %1 for %2 epochs in %3…</source>
        <translation>正在 %3 中训练 %1，共 %2 轮…</translation>
    </message>
    <message>
        <source>Stopping after the current batch; the checkpoint is kept for Resume…</source>
        <translation>将在当前批次后停止；检查点已保留以便继续…</translation>
    </message>
    <message>
        <source>Cannot start the reduction: %1</source>
        <translation>无法开始模型缩减：%1</translation>
    </message>
    <message>
        <source>epoch %1/%2 · batch %3/%4 · %5 elapsed · about %6 left</source>
        <translation>第 %1/%2 轮 · 批次 %3/%4 · 已用 %5 · 约剩 %6</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Stopped after %1 epochs (%2). Resume continues from the last completed epoch.</source>
        <translation>在 %1 轮后停止（%2）。继续将从最后完成的一轮开始。</translation>
    </message>
    <message>
        <source>Finished %1 epochs in %2%3: best validation macro F1 %4 at epoch %5. Model: %6</source>
        <translation>已在 %2 内完成 %1 轮%3：最佳验证宏 F1 %4（第 %5 轮）。模型：%6</translation>
    </message>
    <message>
        <source> (early stop)</source>
        <translation>（提前停止）</translation>
    </message>
    <message>
        <source>train loss, running mean this epoch</source>
        <translation>训练损失，本轮累计平均</translation>
    </message>
    <message>
        <source>Resuming without the earlier curves: %1</source>
        <translation>在没有先前曲线的情况下继续：%1</translation>
    </message>
    <message>
        <source> (training)</source>
        <translation>（训练中）</translation>
    </message>
    <message>
        <source>Training in %1: epoch %2 of %3…</source>
        <translation>正在 %1 中训练：第 %2/%3 轮…</translation>
    </message>
    <message>
        <source>Validation recall per class: %1</source>
        <translation>各类别验证召回率：%1</translation>
    </message>
    <message>
        <source> %1 training images: %2 epochs instead of %3, for at least %4 optimizer steps.</source>
        <translation> %1 张训练图像：%2 轮而不是 %3 轮，以至少进行 %4 个优化步。</translation>
    </message>
    <message>
        <source> Classes evened out (%1): %2 to %3 training images per class.</source>
        <translation> 类别均衡（%1）：每类 %2 到 %3 张训练图像。</translation>
    </message>
    <message>
        <source>Ready to train on %1 (%2 images).%3 Runs are kept in %4.</source>
        <translation>已准备好在 %1 上训练（%2 张图像）。%3 运行保存在 %4。</translation>
    </message>
    <message>
        <source>Finished %1 epochs in %2, not validated (no validation images: label more images, or give a validation split). Model: %3</source>
        <translation>已完成 %1 个周期，用时 %2，未验证（没有验证图像：请标注更多图像，或提供验证划分）。模型：%3</translation>
    </message>
</context>
<context>
    <name>sddui::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Welcome to SDD Workbench&lt;/h2&gt;&lt;p&gt;Open a dataset folder with &lt;b&gt;File ▸ Open Dataset…&lt;/b&gt; (Ctrl+O).&lt;/p&gt;&lt;p&gt;It reads the NEU-DET layout (&lt;i&gt;train|validation/images/&amp;lt;class&amp;gt;/&lt;/i&gt;), the NEU-CLS layout (&lt;i&gt;Cr_1.bmp … Sc_300.bmp&lt;/i&gt;) and any folder with one sub-folder per class.&lt;br&gt;Get the NEU surface defect database and link it as &lt;i&gt;data/NEU-DET&lt;/i&gt; to have it opened at start.&lt;/p&gt;&lt;p&gt;To classify images now, drop image files or folders anywhere on this window.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;欢迎使用 SDD Workbench&lt;/h2&gt;&lt;p&gt;通过 &lt;b&gt;文件 ▸ 打开数据集…&lt;/b&gt;（Ctrl+O）打开一个数据集文件夹。&lt;/p&gt;&lt;p&gt;支持 NEU-DET 结构（&lt;i&gt;train|validation/images/&amp;lt;class&amp;gt;/&lt;/i&gt;）、NEU-CLS 结构（&lt;i&gt;Cr_1.bmp … Sc_300.bmp&lt;/i&gt;），以及每个类别一个子文件夹的任意文件夹。&lt;br&gt;获取 NEU 表面缺陷数据库并链接为 &lt;i&gt;data/NEU-DET&lt;/i&gt;，启动时即可自动打开。&lt;/p&gt;&lt;p&gt;若要立即分类图像，请将图像文件或文件夹拖放到此窗口的任意位置。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open Dataset…</source>
        <translation>打开数据集…</translation>
    </message>
</context>
</TS>
