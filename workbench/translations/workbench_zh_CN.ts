<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>&amp;Method</source>
        <translation>方法(&amp;M)</translation>
    </message>
    <message>
        <source>How the model is trained: tape (a GradientTape loop), fit (compile + fit) or custom (fit with its own train_step), the article&apos;s three ways</source>
        <translation>模型怎么训练：tape（GradientTape 循环）、fit（compile + fit）或 custom（重写 train_step 的 fit），即原文的三种写法</translation>
    </message>
    <message>
        <source>tape · GradientTape loop</source>
        <translation>tape · GradientTape 循环</translation>
    </message>
    <message>
        <source>A hand-written tf.GradientTape loop (compiled with tf.function), integer labels one-hot inside.</source>
        <translation>手写的 tf.GradientTape 训练循环（用 tf.function 编译），整数标签在循环里转成 one-hot。</translation>
    </message>
    <message>
        <source>fit · compile + fit</source>
        <translation>fit · compile + fit</translation>
    </message>
    <message>
        <source>model.compile + model.fit, labels converted to one-hot up front (the article&apos;s plain fit).</source>
        <translation>model.compile + model.fit，标签事先转成 one-hot（原文中直接用 fit 的写法）。</translation>
    </message>
    <message>
        <source>custom · own train_step</source>
        <translation>custom · 重写 train_step</translation>
    </message>
    <message>
        <source>fit with overridden train_step/test_step; integer labels one-hot inside the step.</source>
        <translation>重写 train_step/test_step 的 fit；整数标签在 train_step 里转成 one-hot。</translation>
    </message>
    <message>
        <source>&amp;Optimizer</source>
        <translation>优化器(&amp;O)</translation>
    </message>
    <message>
        <source>The optimizer (the article&apos;s: SGD at lr 0.01)</source>
        <translation>优化器（原文用的是学习率 0.01 的 SGD）</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Plain stochastic gradient descent (the article&apos;s, lr 0.01): step = lr x gradient, so a 10x smaller loss is a 10x smaller step.</source>
        <translation>普通的随机梯度下降（原文所用，学习率 0.01）：步长 = 学习率 × 梯度，所以损失小 10 倍，步长也小 10 倍。</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Adam (usually lr 0.001): adapts the step per weight, so the loss scale matters far less.</source>
        <translation>Adam（通常学习率 0.001）：按每个权重自适应调整步长，所以损失的量级影响小得多。</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>AdamW (usually lr 0.001): Adam with weight decay applied directly to the weights.</source>
        <translation>AdamW（通常学习率 0.001）：把权重衰减直接作用在权重上的 Adam。</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>RMSprop (usually lr 0.001): divides by a running RMS of the gradient.</source>
        <translation>RMSprop（通常学习率 0.001）：除以梯度的滑动均方根。</translation>
    </message>
    <message>
        <source>&amp;Learning rate</source>
        <translation>学习率(&amp;L)</translation>
    </message>
    <message>
        <source>Learning rate (1e-6 to 10). Arrows step 1-2-5 per decade; type any value, e.g. 3e-4.</source>
        <translation>学习率（1e-6 到 10）。箭头按每个数量级 1-2-5 的步子调；也可以直接输入任意值，例如 3e-4。</translation>
    </message>
    <message>
        <source>Lo&amp;ss</source>
        <translation>损失(&amp;S)</translation>
    </message>
    <message>
        <source>The loss: sum_mse is the article&apos;s, keras_mse is Keras&apos;s &quot;mse&quot; (10x smaller), crossentropy is from logits</source>
        <translation>损失函数：sum_mse 是原文手写的损失，keras_mse 是 Keras 的 &quot;mse&quot;（小 10 倍），crossentropy 从 logits 计算</translation>
    </message>
    <message>
        <source>sum_mse · article&apos;s loss</source>
        <translation>sum_mse · 原文的损失</translation>
    </message>
    <message>
        <source>The article&apos;s loss: per sample the sum over the 10 outputs of the squared error, averaged over the batch. Its gradients are 10x those of Keras&apos;s &quot;mse&quot;.</source>
        <translation>原文的损失：每个样本对 10 个输出的平方误差求和，再对批次取平均。它的梯度是 Keras &quot;mse&quot; 的 10 倍。</translation>
    </message>
    <message>
        <source>keras_mse · Keras &quot;mse&quot;</source>
        <translation>keras_mse · Keras 的 &quot;mse&quot;</translation>
    </message>
    <message>
        <source>Keras&apos;s &quot;mse&quot; string: averages over the 10 outputs too, so loss and gradients are 10x smaller than sum_mse - like a 10x smaller learning rate with SGD. The article got 92-93% with it.</source>
        <translation>Keras 的 &quot;mse&quot; 字符串：对 10 个输出再取一次平均，所以损失和梯度都比 sum_mse 小 10 倍——用 SGD 时相当于学习率小了 10 倍。原文用它只得到 92–93%。</translation>
    </message>
    <message>
        <source>crossentropy</source>
        <translation>crossentropy</translation>
    </message>
    <message>
        <source>Sparse categorical cross-entropy from logits: the usual loss for classification.</source>
        <translation>从 logits 计算的稀疏分类交叉熵：分类任务的常用损失。</translation>
    </message>
    <message>
        <source>The accuracy: auto is the string &quot;accuracy&quot; resolved by Keras; categorical_on_sparse reproduces the article&apos;s pitfall</source>
        <translation>准确率：auto 是由 Keras 解析的字符串 &quot;accuracy&quot;；categorical_on_sparse 故意复现原文的陷阱</translation>
    </message>
    <message>
        <source>auto · &quot;accuracy&quot;</source>
        <translation>auto · &quot;accuracy&quot;</translation>
    </message>
    <message>
        <source>The string &quot;accuracy&quot;: Keras picks Binary/Categorical/SparseCategorical accuracy from the shapes of labels and outputs it first sees (one-hot labels in fit, integer labels in tape/custom).</source>
        <translation>字符串 &quot;accuracy&quot;：Keras 根据第一次见到的标签和输出的形状，选用 Binary/Categorical/SparseCategorical 准确率（fit 里是 one-hot 标签，tape/custom 里是整数标签）。</translation>
    </message>
    <message>
        <source>sparse</source>
        <translation>sparse</translation>
    </message>
    <message>
        <source>SparseCategoricalAccuracy: integer labels against the output vector. Always right here.</source>
        <translation>SparseCategoricalAccuracy：整数标签对输出向量。在这里总是对的。</translation>
    </message>
    <message>
        <source>categorical</source>
        <translation>categorical</translation>
    </message>
    <message>
        <source>CategoricalAccuracy: one-hot labels against the output vector. Always right here.</source>
        <translation>CategoricalAccuracy：one-hot 标签对输出向量。在这里总是对的。</translation>
    </message>
    <message>
        <source>categorical_on_sparse ⚠</source>
        <translation>categorical_on_sparse ⚠</translation>
    </message>
    <message>
        <source>The article&apos;s pitfall, on purpose: CategoricalAccuracy fed integer labels and argmax outputs. It reports a wrong, lower number (91.79% for a model at ~96%).</source>
        <translation>故意复现原文的陷阱：给 CategoricalAccuracy 输入整数标签和 argmax 后的输出。它报告一个错误的、偏低的数字（模型实际约 96%，却显示 91.79%）。</translation>
    </message>
    <message>
        <source>Loss &amp;report</source>
        <translation>损失报告(&amp;R)</translation>
    </message>
    <message>
        <source>How the custom test_step reports its loss: tracked updates the compiled loss (the article&apos;s fix); returned reproduces the article&apos;s third pitfall</source>
        <translation>自定义 test_step 如何报告损失：tracked 更新 compile 里的损失（原文的修正办法）；returned 复现原文的第三个陷阱</translation>
    </message>
    <message>
        <source>tracked · compiled loss</source>
        <translation>tracked · compile 的损失</translation>
    </message>
    <message>
        <source>test_step updates the compiled loss tracker, so fit reports the true mean validation loss (the fix the article chose: keep the loss in compile).</source>
        <translation>test_step 更新 compile 的损失跟踪器，所以 fit 报告的是真实的平均验证损失（原文选择的修正：把损失留在 compile 里）。</translation>
    </message>
    <message>
        <source>returned from test_step ⚠</source>
        <translation>由 test_step 返回 ⚠</translation>
    </message>
    <message>
        <source>The article&apos;s third pitfall, on purpose: test_step returns a hand-computed loss in its logs instead of updating the compiled loss. Keras builds the logs from its metric trackers, so the validation loss it reports is wrong (0.0 on Keras 3).</source>
        <translation>故意复现原文的第三个陷阱：test_step 把手算的损失放进返回的日志里，而不是更新 compile 的损失。Keras 是用它的指标跟踪器来生成日志的，所以它报告的验证损失是错的（在 Keras 3 上是 0.0）。</translation>
    </message>
    <message>
        <source>goes with --method custom (only a custom test_step returns its own loss)</source>
        <translation>只用于 --method custom（只有自定义的 test_step 才会返回自己的损失）</translation>
    </message>
    <message>
        <source>Mo&amp;del</source>
        <translation>模型(&amp;D)</translation>
    </message>
    <message>
        <source>mlp · 256-128-10</source>
        <translation>mlp · 256-128-10</translation>
    </message>
    <message>
        <source>the article&apos;s Flatten - Dense 256 relu - Dense 128 relu - Dense 10</source>
        <translation>原文的 Flatten - Dense 256 relu - Dense 128 relu - Dense 10</translation>
    </message>
    <message>
        <source>cnn · small convnet</source>
        <translation>cnn · 小卷积网络</translation>
    </message>
    <message>
        <source>a small convolutional network</source>
        <translation>一个小的卷积网络</translation>
    </message>
    <message>
        <source>Initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Where a saved FILE.keras model&apos;s training starts: fresh weights from the seed, or the file&apos;s own weights</source>
        <translation>已保存的 FILE.keras 模型从哪里开始训练：按种子生成的新权重，或文件自带的权重</translation>
    </message>
    <message>
        <source>seed · fresh weights</source>
        <translation>按种子 · 新权重</translation>
    </message>
    <message>
        <source>Fresh weights drawn from the seed</source>
        <translation>按种子生成的新权重</translation>
    </message>
    <message>
        <source>from-file · the file&apos;s weights</source>
        <translation>从文件 · 文件中的权重</translation>
    </message>
    <message>
        <source>The saved model&apos;s own weights: go on training it</source>
        <translation>已保存模型自带的权重：在其基础上继续训练</translation>
    </message>
    <message>
        <source>--init from-file goes with --model FILE.keras: only a saved model has weights</source>
        <translation>--init from-file 需配合 --model FILE.keras：只有已保存的模型才带有权重</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Dropout: the fraction of the MLP&apos;s hidden units dropped at random in each training step (0 = none, as in the article); seeded, so every method drops the same units</source>
        <translation>Dropout：每个训练步随机丢弃的 MLP 隐藏单元比例（0 = 不丢弃，与原文相同）；带种子，所以每种方法丢弃的是同样的单元</translation>
    </message>
    <message>
        <source>dropout goes with --model mlp</source>
        <translation>dropout 只用于 --model mlp</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>Label smoothing of the cross-entropy (Keras&apos;s label_smoothing): the target becomes 1 - s for the true class plus s spread evenly over all classes, so the model is not pushed to infinite confidence; 0 = none</source>
        <translation>交叉熵的标签平滑（Keras 的 label_smoothing）：目标变为真实类别 1 - s，再把 s 平均分给所有类别，这样模型不会被推向无限高的置信度；0 = 不平滑</translation>
    </message>
    <message>
        <source>label smoothing goes with --loss crossentropy</source>
        <translation>标签平滑只用于 --loss crossentropy</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>批大小(&amp;B)</translation>
    </message>
    <message>
        <source>Batch size: samples per gradient step</source>
        <translation>批大小：每个梯度步使用的样本数</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>轮数(&amp;E)</translation>
    </message>
    <message>
        <source>Epochs: passes over the training data</source>
        <translation>轮数（epoch）：遍历训练数据的次数</translation>
    </message>
    <message>
        <source>Seed: the same seed gives the same batches and initial weights in every method</source>
        <translation>随机种子：同一个种子在每种方法里给出相同的批次和初始权重</translation>
    </message>
    <message>
        <source>Train samples</source>
        <translation>训练样本数</translation>
    </message>
    <message>
        <source>Training samples: use the first N (0 = all)</source>
        <translation>训练样本：只用前 N 个（0 = 全部）</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Val samples</source>
        <translation>验证样本数</translation>
    </message>
    <message>
        <source>Validation samples: use the first N (0 = all)</source>
        <translation>验证样本：只用前 N 个（0 = 全部）</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>&apos;mnist&apos; (shipped with the app) or the path of an .npz file with x_train, y_train, x_test, y_test</source>
        <translation>&apos;mnist&apos;（随程序附带）或一个含 x_train、y_train、x_test、y_test 的 .npz 文件路径</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>An image folder&apos;s images are resized to H,W (as 28,28); empty: their own size, which must be the same for all</source>
        <translation>图像文件夹中的图像缩放到 H,W（如 28,28）；留空：使用图像本身的尺寸，此时所有图像必须一样大</translation>
    </message>
    <message>
        <source>their own</source>
        <translation>原尺寸</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>An image folder&apos;s images as grayscale or RGB</source>
        <translation>图像文件夹中的图像按灰度或 RGB 读取</translation>
    </message>
    <message>
        <source>Read from the images: grayscale if they all are, else RGB</source>
        <translation>从图像读取：全部为灰度时用灰度，否则用 RGB</translation>
    </message>
    <message>
        <source>grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>One channel: (H, W) images, as MNIST</source>
        <translation>单通道：(H, W) 图像，与 MNIST 相同</translation>
    </message>
    <message>
        <source>rgb</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>Three channels: (H, W, 3) images</source>
        <translation>三通道：(H, W, 3) 图像</translation>
    </message>
    <message>
        <source>Fast mode</source>
        <translation>快速模式</translation>
    </message>
    <message>
        <source>eager tape loop (slow)</source>
        <translation>eager 模式的 tape 循环（慢）</translation>
    </message>
    <message>
        <source>Only for the tape method on one device: runs each step eagerly, about 7x slower, as the article&apos;s code does</source>
        <translation>只用于单设备上的 tape 方法：像原文代码那样逐步 eager 执行，大约慢 7 倍</translation>
    </message>
    <message>
        <source>only the tape method runs eagerly; use --method tape</source>
        <translation>只有 tape 方法能 eager 执行；请用 --method tape</translation>
    </message>
    <message>
        <source>the eager tape loop runs on one device; use --strategy default</source>
        <translation>eager 的 tape 循环只在单设备上运行；请用 --strategy default</translation>
    </message>
    <message>
        <source>Devi&amp;ce</source>
        <translation>设备(&amp;C)</translation>
    </message>
    <message>
        <source>tf.distribute: where training runs</source>
        <translation>tf.distribute：训练在哪些设备上执行</translation>
    </message>
    <message>
        <source>one device</source>
        <translation>单设备</translation>
    </message>
    <message>
        <source>One device: TensorFlow&apos;s default strategy</source>
        <translation>单设备：TensorFlow 的默认策略</translation>
    </message>
    <message>
        <source>mirrored</source>
        <translation>mirrored</translation>
    </message>
    <message>
        <source>tf.distribute.MirroredStrategy: every local GPU, or on a CPU-only machine several logical CPU devices; the global batch is split between them and the gradients summed</source>
        <translation>tf.distribute.MirroredStrategy：使用本机所有 GPU，没有 GPU 时使用多个逻辑 CPU 设备；全局批次在它们之间切分，梯度相加</translation>
    </message>
    <message>
        <source>multiworker</source>
        <translation>multiworker</translation>
    </message>
    <message>
        <source>tf.distribute.MultiWorkerMirroredStrategy over several machines: run `workbench train --strategy multiworker` on each, with TF_CONFIG (not from the window)</source>
        <translation>跨多台机器的 tf.distribute.MultiWorkerMirroredStrategy：在每台机器上设置 TF_CONFIG 并运行 `workbench train --strategy multiworker`（不能从窗口启动）</translation>
    </message>
    <message>
        <source>CPU replicas</source>
        <translation>CPU 副本数</translation>
    </message>
    <message>
        <source>CPU replicas: logical CPU devices a mirrored run uses on a machine without GPUs (auto = one per core, at least 2)</source>
        <translation>CPU 副本数：在没有 GPU 的机器上，mirrored 策略所用的逻辑 CPU 设备数（自动 = 每核一个，至少 2 个）</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Metr&amp;ic</source>
        <translation>指标(&amp;I)</translation>
    </message>
    <message>
        <source>The network: mlp is the article&apos;s Dense 256-128-10, cnn a small convnet; or your own: FILE.py:FUNCTION (a function (input_shape, num_classes) that returns an uncompiled keras.Model) or a saved FILE.keras (its architecture, with fresh weights from the seed)</source>
        <translation>网络：mlp 是原文的 Dense 256-128-10，cnn 是一个小卷积网络；也可以用你自己的：FILE.py:FUNCTION（一个以 (input_shape, num_classes) 为参数、返回未编译的 keras.Model 的函数），或一个保存的 FILE.keras（使用其结构，权重按种子重新初始化）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>An image folder without a test/ folder, or a CSV file: the share of its samples held out for validation, chosen with the seed</source>
        <translation>没有 test/ 文件夹的图像文件夹或 CSV 文件：留作验证的样本比例，按种子选取</translation>
    </message>
    <message>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <source>A CSV file&apos;s column that holds the class, as a number or a name; every other column is a numeric feature</source>
        <translation>CSV 文件中存放类别（数字或名称）的列；其余各列都是数值特征</translation>
    </message>
    <message>
        <source>Batches per compiled call (fast mode): fewer Python round trips, the same weights and every batch on the curve; auto = calls of about 0.05 s; 1 = one call per batch</source>
        <translation>每次调用已编译函数执行的批次数（快速模式）：减少 Python 往返，权重不变，曲线上仍有每个批次；自动 = 每次调用约 0.05 秒；1 = 每个批次调用一次</translation>
    </message>
    <message>
        <source>goes with --strategy mirrored (logical CPU devices to mirror over)</source>
        <translation>只用于 --strategy mirrored（在逻辑 CPU 设备间镜像）</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>A label shown in the runs table and the plot legends</source>
        <translation>在训练记录表和曲线图例中显示的名称</translation>
    </message>
    <message>
        <source>shown in tables, legends</source>
        <translation>显示在表格和图例中</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Momentum: SGD and RMSprop only</source>
        <translation>动量：只用于 SGD 和 RMSprop</translation>
    </message>
    <message>
        <source>{optimizer} has no momentum setting; use sgd or rmsprop</source>
        <translation>{optimizer} 没有动量参数；请用 sgd 或 rmsprop</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Nesterov momentum (SGD with momentum above 0)</source>
        <translation>Nesterov 动量（SGD 且动量大于 0 时）</translation>
    </message>
    <message>
        <source>Nesterov goes with --optimizer sgd and a --momentum above 0</source>
        <translation>Nesterov 只用于 --optimizer sgd 且 --momentum 大于 0</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Weight decay: decoupled in AdamW, an L2-like decay in the others</source>
        <translation>权重衰减：AdamW 中是解耦的衰减，其他优化器中类似 L2 衰减</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>The same learning rate throughout (the article&apos;s setup).</source>
        <translation>全程使用同一学习率（原文的设置）。</translation>
    </message>
    <message>
        <source>step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Multiply the learning rate by the decay rate every N epochs.</source>
        <translation>每 N 轮把学习率乘以衰减率。</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <source>Multiply the learning rate by the decay rate per epoch, smoothly at every step.</source>
        <translation>每轮把学习率乘以衰减率，在每一步平滑地变化。</translation>
    </message>
    <message>
        <source>cosine (+ warm-up)</source>
        <translation>余弦（+ 预热）</translation>
    </message>
    <message>
        <source>Decay along a half cosine to 0 over the run, after an optional linear warm-up.</source>
        <translation>在可选的线性预热之后，沿半个余弦在整个训练过程中衰减到 0。</translation>
    </message>
    <message>
        <source>Decay rate</source>
        <translation>衰减率</translation>
    </message>
    <message>
        <source>Decay rate: step and exponential schedules</source>
        <translation>衰减率：用于阶梯和指数调度</translation>
    </message>
    <message>
        <source>Decay every</source>
        <translation>衰减间隔</translation>
    </message>
    <message>
        <source>Decay every N epochs: step schedule</source>
        <translation>每 N 轮衰减一次：阶梯调度</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <source>Warm-up epochs: cosine schedule, linear from 0</source>
        <translation>预热轮数：余弦调度，从 0 线性增加</translation>
    </message>
    <message>
        <source>warm-up goes with --schedule cosine</source>
        <translation>预热只用于 --schedule cosine</translation>
    </message>
    <message>
        <source>Early stop</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <source>Early stopping patience: epochs without improvement before stopping (0 = off)</source>
        <translation>耐心轮数：连续多少轮没有改善就停止（0 = 关闭）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Min delta</source>
        <translation>最小变化</translation>
    </message>
    <message>
        <source>Min delta: the smallest change that counts</source>
        <translation>最小变化：算作改善的最小变化量</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监控指标</translation>
    </message>
    <message>
        <source>The value early stopping and best.keras follow</source>
        <translation>提前停止和 best.keras 所跟踪的值</translation>
    </message>
    <message>
        <source>val_loss</source>
        <translation>val_loss</translation>
    </message>
    <message>
        <source>Validation loss: lower is better. Early stopping and best.keras follow it.</source>
        <translation>验证损失：越低越好。提前停止和 best.keras 跟踪它。</translation>
    </message>
    <message>
        <source>val_accuracy</source>
        <translation>val_accuracy</translation>
    </message>
    <message>
        <source>Validation accuracy: higher is better. Early stopping and best.keras follow it.</source>
        <translation>验证准确率：越高越好。提前停止和 best.keras 跟踪它。</translation>
    </message>
    <message>
        <source>keep the best weights</source>
        <translation>保留最佳权重</translation>
    </message>
    <message>
        <source>When early stopping ends the run, go back to the best epoch&apos;s weights</source>
        <translation>提前停止结束训练时，恢复到最佳一轮的权重</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>逐层监测</translation>
    </message>
    <message>
        <source>Per-layer instruments every N training steps (0 = off): gradient norm and dead ReLU units on a fixed batch of validation images, update/weight ratio and weight norm; dynamics.csv, TensorBoard and the Dynamics tab. They never change training</source>
        <translation>每 N 个训练步记录一次逐层监测数据（0 = 关闭）：在一批固定的验证图像上测梯度范数和死亡 ReLU 单元，以及更新/权重比和权重范数；写入 dynamics.csv、TensorBoard 和“训练动态”标签页。监测从不改变训练</translation>
    </message>
    <message>
        <source>Weights path</source>
        <translation>权重路径</translation>
    </message>
    <message>
        <source>Keep the trainable weights at the start and after each epoch, for the loss landscape, while they take at most this many MB in the run folder (0 = none): the MLP takes 0.9 MB an epoch, the CNN 1.7</source>
        <translation>在开始时和每轮结束后保存可训练权重，供损失地形使用，在训练记录文件夹中最多占用这么多 MB（0 为不保存）：MLP 每轮约 0.9 MB，CNN 约 1.7 MB</translation>
    </message>
    <message>
        <source>do not compile steps with XLA</source>
        <extracomment>XLA for every method alike (Keras&apos;s fit default is &quot;auto&quot;); compare like with like.</extracomment>
        <translation>不用 XLA 编译训练步</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>TF Training Workbench</source>
        <translation>TF 训练工作台</translation>
    </message>
    <message>
        <source>See why a neural network trains the way it does.</source>
        <translation>看清神经网络为什么这样训练。</translation>
    </message>
    <message>
        <source>TensorFlow loads on first use</source>
        <translation>TensorFlow 在第一次使用时加载</translation>
    </message>
    <message>
        <source>Runs folder: {path}</source>
        <translation>训练记录文件夹：{path}</translation>
    </message>
    <message>
        <source>MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, CC BY-SA 3.0.</source>
        <translation>MNIST 数据集由 Yann LeCun、Corinna Cortes 和 Christopher J.C. Burges 提供，CC BY-SA 3.0。</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
</context>
<context>
    <name>ActionPanel</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Train with these settings (Ctrl+R)</source>
        <translation>用这组设置训练（Ctrl+R）</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop at the next batch; the run is kept (Esc)</source>
        <translation>在下一个批次处停止；已训练的部分会保留（Esc）</translation>
    </message>
    <message>
        <source>Stop training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <source>Compare optimizers</source>
        <translation>比较优化器</translation>
    </message>
    <message>
        <source>Run these settings with SGD (lr 0.01) and with Adam (lr 0.001), once per seed, then show their mean ± std and the difference with its confidence interval</source>
        <translation>用 SGD（学习率 0.01）和 Adam（学习率 0.001）按每个种子各训练一次这组设置，然后显示它们的均值 ± 标准差以及差异和置信区间</translation>
    </message>
    <message>
        <source>Open TensorBoard on the runs folder, showing the runs selected in the table (Ctrl+T)</source>
        <translation>在训练记录文件夹上打开 TensorBoard，显示表格中选中的训练记录（Ctrl+T）</translation>
    </message>
    <message>
        <source>Open TensorBoard</source>
        <translation>打开 TensorBoard</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the plots (PNG, SVG, PDF) and data (CSV) of the selected runs (Ctrl+E)</source>
        <translation>导出所选训练记录的曲线图（PNG、SVG、PDF）和数据（CSV）（Ctrl+E）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Find lr…</source>
        <translation>寻找学习率…</translation>
    </message>
    <message>
        <source>LR range test: train these settings for a few hundred steps with the learning rate growing from 1e-6 to 10, see where the loss falls fastest, and use that learning rate</source>
        <translation>学习率范围测试：用这些设置训练几百步，学习率从 1e-6 增长到 10，看损失在哪里下降最快，并使用那个学习率</translation>
    </message>
    <message>
        <source>Find the learning rate</source>
        <translation>寻找学习率</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>训练进度</translation>
    </message>
    <message>
        <source>× seeds</source>
        <translation>× 种子数</translation>
    </message>
    <message>
        <source>Compare optimizers and Reproduce the article train each setting with this many seeds (the settings&apos; seed, +1, +2, …): a difference larger than the spread of the seeds is not luck</source>
        <translation>“比较优化器”和“复现原文”对每个设置用这么多个种子训练（设置中的种子、+1、+2……）：差异超过种子间的波动，才不是运气</translation>
    </message>
    <message>
        <source>Seeds per setting</source>
        <translation>每个设置的种子数</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>准备中……</translation>
    </message>
    <message>
        <source>run {n} of {total}</source>
        <translation>第 {n}/{total} 次运行</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs}</source>
        <translation>第 {epoch}/{epochs} 轮</translation>
    </message>
    <message>
        <source>batch {batch}/{steps}</source>
        <translation>批次 {batch}/{steps}</translation>
    </message>
    <message>
        <source>ETA {eta}</source>
        <translation>剩余 {eta}</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
</context>
<context>
    <name>BandPlot</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>{label} (n={n})</source>
        <translation>{label}（n={n}）</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Setting {problem}</source>
        <translation>设置有误：{problem}</translation>
    </message>
    <message>
        <source>Experiment: {problem}</source>
        <translation>实验：{problem}</translation>
    </message>
    <message>
        <source>Stopping at the next batch…</source>
        <translation>将在下一个批次处停止……</translation>
    </message>
    <message>
        <source>Select one stopped or interrupted run in the table to resume it.</source>
        <translation>在表格中选择一次已停止或被中断的运行来继续训练。</translation>
    </message>
    <message>
        <source>Select one run in the table to look inside it, or two to compare them.</source>
        <translation>在表格中选择一次运行查看它的模型剖析，或选两次运行进行比较。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Rows: true class; columns: predicted class. Hover a cell for its numbers, click it to see its images.</source>
        <translation>行：真实类别；列：预测类别。把鼠标停在格子上看数字，点击格子看对应的图像。</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>true {r}, predicted {c}: {n} image ({share} of class {r}, {what})</source>
        <translation>真实 {r}，预测 {c}：{n} 张图像（占类别 {r} 的 {share}，{what}）</translation>
    </message>
    <message>
        <source>true {r}, predicted {c}: {n} images ({share} of class {r}, {what})</source>
        <translation>真实 {r}，预测 {c}：{n} 张图像（占类别 {r} 的 {share}，{what}）</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>CurvesPage</name>
    <message>
        <source>Smoothing of the per-batch curves (TensorBoard&apos;s debiased moving average); the raw curve stays as a faint shadow</source>
        <translation>每批次曲线的平滑程度（TensorBoard 的去偏滑动平均）；原始曲线以淡色阴影保留</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>log loss</source>
        <translation>对数损失轴</translation>
    </message>
    <message>
        <source>ignore outliers</source>
        <translation>忽略离群值</translation>
    </message>
    <message>
        <source>Fit the y axes to the data without the most extreme 5% of the per-batch points at each end, so the converged part fills the plot (TensorBoard&apos;s &quot;ignore outliers in chart scaling&quot;); off: every point</source>
        <translation>y 轴按数据缩放，但不计每批次数据点两端最极端的各 5%，让收敛后的部分占满图面（与 TensorBoard 的“忽略离群值”选项相同）；关闭时显示所有数据点</translation>
    </message>
    <message>
        <source>Ignore outliers in the y axes</source>
        <translation>y 轴忽略离群值</translation>
    </message>
    <message>
        <source>Logarithmic y axis for the loss plot</source>
        <translation>损失图使用对数 y 轴</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>对数损失轴</translation>
    </message>
    <message>
        <source>x: epochs</source>
        <translation>x：轮次</translation>
    </message>
    <message>
        <source>x: steps</source>
        <translation>x：步数</translation>
    </message>
    <message>
        <source>Horizontal axis in epochs or in training steps (batches)</source>
        <translation>横轴按轮次或按训练步数（批次）显示</translation>
    </message>
    <message>
        <source>Horizontal axis</source>
        <translation>横轴</translation>
    </message>
    <message>
        <source>How to read the curves: one colour per run</source>
        <translation>曲线的读法：颜色区分训练记录</translation>
    </message>
    <message>
        <source>The article&apos;s settings are filled in: MLP 256-128-10, SGD lr 0.01, sum-of-squares loss, batch 32.</source>
        <translation>已填好原文的设置：MLP 256-128-10，SGD 学习率 0.01，平方和损失，批大小 32。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No runs yet&lt;/h3&gt;&lt;p&gt;{filled}Press &lt;b&gt;Start&lt;/b&gt; (Ctrl+R) to train, or &lt;b&gt;Compare optimizers&lt;/b&gt; to see SGD against Adam.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;还没有训练记录&lt;/h3&gt;&lt;p&gt;{filled}按 &lt;b&gt;开始&lt;/b&gt;（Ctrl+R）训练，或按 &lt;b&gt;比较优化器&lt;/b&gt; 看 SGD 与 Adam 的对比。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>DashboardButton</name>
    <message>
        <source>Optuna Dashboard</source>
        <translation>Optuna Dashboard</translation>
    </message>
    <message>
        <source>Open this experiment in optuna-dashboard (on 127.0.0.1, in the browser)</source>
        <translation>在 optuna-dashboard 中打开此实验（在 127.0.0.1 上，用浏览器）</translation>
    </message>
    <message>
        <source>Starting optuna-dashboard…</source>
        <translation>正在启动 optuna-dashboard……</translation>
    </message>
    <message>
        <source>optuna-dashboard at {url}</source>
        <translation>optuna-dashboard 地址：{url}</translation>
    </message>
</context>
<context>
    <name>DataPreviewDialog</name>
    <message>
        <source>Reading {dataset}…</source>
        <translation>正在读取 {dataset}……</translation>
    </message>
    <message>
        <source>The dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>{dataset}: {k} classes, {train:,} training and {val:,} validation rows of {f} features</source>
        <translation>{dataset}：{k} 个类别，{train:,} 行训练数据和 {val:,} 行验证数据，每行 {f} 个特征</translation>
    </message>
    <message>
        <source>{dataset}: {k} classes, {train:,} training and {val:,} validation images of {shape}</source>
        <translation>{dataset}：{k} 个类别，{train:,} 张训练图像和 {val:,} 张验证图像，尺寸 {shape}</translation>
    </message>
    <message>
        <source>(validation: the expected share of {share:.0%}; Keras draws it with the seed when training starts)</source>
        <translation>（验证：预计占 {share:.0%}；训练开始时由 Keras 按种子抽取）</translation>
    </message>
    <message>
        <source>The first samples of each class</source>
        <translation>每个类别的前几个样本</translation>
    </message>
    <message>
        <source>The dataset cannot be read: {problem}</source>
        <translation>无法读取数据集：{problem}</translation>
    </message>
</context>
<context>
    <name>DiagnosisPanel</name>
    <message>
        <source>{method} feeds one-hot labels</source>
        <translation>{method} 输入的是 one-hot 标签</translation>
    </message>
    <message>
        <source>{method} feeds integer labels</source>
        <translation>{method} 输入的是整数标签</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss&lt;/b&gt; {loss}: {scale}× the article&apos;s sum-of-squares loss; one {optimizer} step is {effective}× as large (like lr {lr} with the article&apos;s loss).</source>
        <translation>&lt;b&gt;损失&lt;/b&gt; {loss}：是原文平方和损失的 {scale} 倍；一步 {optimizer} 的步长是用原文损失时的 {effective} 倍（相当于用原文的损失、学习率取 {lr}）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Metric&lt;/b&gt; &apos;{metric}&apos; → {resolved} ({feeds}).</source>
        <translation>&lt;b&gt;指标&lt;/b&gt; &apos;{metric}&apos; → {resolved}（{feeds}）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model&lt;/b&gt; {name}: {n} layers, {params} parameters: {layers}.</source>
        <translation>&lt;b&gt;模型&lt;/b&gt; {name}：{n} 层，{params} 个参数：{layers}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Val loss&lt;/b&gt; ({mode}): Keras reports {reported}, the true mean loss is {true}.</source>
        <translation>&lt;b&gt;验证损失&lt;/b&gt;（{mode}）：Keras 报告 {reported}，真实的平均损失是 {true}。</translation>
    </message>
    <message>
        <source>The article&apos;s findings here:</source>
        <translation>这组设置命中了原文指出的问题：</translation>
    </message>
    <message>
        <source>No pitfall from the article in these settings.</source>
        <translation>这组设置没有落入原文指出的陷阱。</translation>
    </message>
    <message>
        <source>Diagnosis of the settings</source>
        <translation>设置诊断</translation>
    </message>
    <message>
        <source>Measured on the run&apos;s first real batch: the loss scale and step size against the article&apos;s loss, and the accuracy class Keras picks for these labels</source>
        <translation>在这次运行的第一个真实批次上测量：与原文损失相比的损失量级和步长，以及 Keras 对这种标签选用的准确率类</translation>
    </message>
    <message>
        <source>Measuring the settings once TensorFlow has loaded…</source>
        <translation>TensorFlow 加载完成后将测量这组设置……</translation>
    </message>
    <message>
        <source>Setting {problem}</source>
        <translation>设置有误：{problem}</translation>
    </message>
    <message>
        <source>Measuring on a real batch…</source>
        <translation>正在用一个真实批次测量……</translation>
    </message>
</context>
<context>
    <name>DifferenceLabel</name>
    <message>
        <source>{b} − {a}</source>
        <translation>{b} − {a}</translation>
    </message>
    <message>
        <source>difference in {metric}</source>
        <translation>{metric}之差</translation>
    </message>
    <message>
        <source> (points)</source>
        <translation>（百分点）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Select two rows to see their difference with its 95% confidence interval.</source>
        <translation>选择两行，查看它们的差异及其 95% 置信区间。</translation>
    </message>
    <message>
        <source>{b} − {a}: each needs at least two finished seeds for a confidence interval.</source>
        <translation>{b} − {a}：每组至少需要两个已完成的种子才能给出置信区间。</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>{n} seeds each</source>
        <translation>每组 {n} 个种子</translation>
    </message>
    <message>
        <source>{n_a} and {n_b} seeds</source>
        <translation>分别 {n_a} 个和 {n_b} 个种子</translation>
    </message>
    <message>
        <source>&lt;b&gt;{b} − {a}&lt;/b&gt; ({metric}): {delta}{unit}, 95% CI [{low}, {high}], {p}, {seeds}</source>
        <translation>&lt;b&gt;{b} − {a}&lt;/b&gt;（{metric}）：{delta}{unit}，95% 置信区间 [{low}, {high}]，{p}，{seeds}</translation>
    </message>
    <message>
        <source>, Hedges&apos; g {g}</source>
        <translation>，Hedges&apos; g {g}</translation>
    </message>
    <message>
        <source>The interval excludes 0: more than the luck of the seed.</source>
        <translation>区间不含 0：不只是种子的运气。</translation>
    </message>
    <message>
        <source>The interval includes 0: this could be the luck of the seed.</source>
        <translation>区间包含 0：这可能只是种子的运气。</translation>
    </message>
    <message>
        <source>By epoch: each needs two seeds at an epoch to compare it.</source>
        <translation>逐轮比较：每组在某一轮至少需要两个种子才能比较。</translation>
    </message>
    <message>
        <source>By epoch: not apart at the last epoch after Holm&apos;s correction ({p}).</source>
        <translation>逐轮比较：经 Holm 校正后，最后一轮两者没有显著差异（{p}）。</translation>
    </message>
    <message>
        <source>, Hedges&apos; g {g} there</source>
        <translation>，该轮 Hedges&apos; g {g}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{leader} leads from epoch {epoch} on&lt;/b&gt;: p ≤ {p} at every epoch since, after Holm&apos;s correction{g}.</source>
        <translation>&lt;b&gt;{leader} 从第 {epoch} 轮起领先&lt;/b&gt;：经 Holm 校正后，此后每一轮 p ≤ {p}{g}。</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw one digit with the mouse, as large as you like</source>
        <translation>用鼠标写一个数字，写多大都可以</translation>
    </message>
    <message>
        <source>Drawing canvas</source>
        <translation>手写画板</translation>
    </message>
    <message>
        <source>draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>Select a finished run in the table to draw for its model.</source>
        <translation>在表格中选择一次已完成的运行，就可以手写数字让它的模型识别。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Wipe the canvas and draw again</source>
        <translation>擦掉画板重新写</translation>
    </message>
    <message>
        <source>What the model sees: your drawing scaled into a 20×20 box and centred by its centre of mass in 28×28 pixels, as MNIST&apos;s digits were</source>
        <translation>模型看到的图像：你写的数字被缩放进 20×20 的方框，并按质心放在 28×28 像素的中央，和 MNIST 的数字一样</translation>
    </message>
    <message>
        <source>The model sees:</source>
        <translation>模型看到的：</translation>
    </message>
    <message>
        <source>Loading the model of {run}…</source>
        <translation>正在加载 {run} 的模型……</translation>
    </message>
    <message>
        <source>cannot load the model: {problem}</source>
        <translation>无法加载模型：{problem}</translation>
    </message>
    <message>
        <source>Draw a digit: {run} answers with class probabilities (softmax of the outputs).</source>
        <translation>写一个数字：{run} 会给出各类别的概率（输出的 softmax）。</translation>
    </message>
    <message>
        <source>Draw a digit: {run} answers with raw outputs: this model was trained with a squared error against the one-hot label, so it answers with scores near 0 and 1, not probabilities.</source>
        <translation>写一个数字：{run} 给出的是原始输出：这个模型是用对 one-hot 标签的平方误差训练的，所以它的回答是接近 0 和 1 的分数，而不是概率。</translation>
    </message>
    <message>
        <source>the model cannot classify this image: {problem}</source>
        <translation>模型无法对这张图像分类：{problem}</translation>
    </message>
</context>
<context>
    <name>DynamicsPanel</name>
    <message>
        <source>update / weight ratio ‖Δw‖/‖w‖ per step</source>
        <translation>每步的更新/权重比 ‖Δw‖/‖w‖</translation>
    </message>
    <message>
        <source>gradient norm ‖∂L/∂w‖ (probe batch)</source>
        <translation>梯度范数 ‖∂L/∂w‖（探测批次）</translation>
    </message>
    <message>
        <source>weight norm ‖w‖</source>
        <translation>权重范数 ‖w‖</translation>
    </message>
    <message>
        <source>dead ReLU units (fraction of the layer)</source>
        <translation>死亡 ReLU 单元（占该层的比例）</translation>
    </message>
    <message>
        <source>weights: distribution over time</source>
        <translation>权重：随时间的分布</translation>
    </message>
    <message>
        <source>outputs on the probe images: distribution over time</source>
        <translation>探测图像上的输出：随时间的分布</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>监测项</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>The green band, 10^-3.5 to 10^-2.5 around 1e-3: CS231n&apos;s rule of thumb for the ratio of an update to its weights (Stanford CS231n, Neural Networks Part 3, &quot;Ratio of weights:updates&quot;). Each sample is one training step&apos;s update, in fast mode too.</source>
        <translation>绿色带为 1e-3 上下的 10^-3.5 到 10^-2.5：CS231n 关于更新量与权重之比的经验法则（斯坦福 CS231n 课程笔记《神经网络》第三部分中“权重与更新之比”一节）。每个采样点都是一个训练步的更新，快速模式下也是如此。</translation>
    </message>
    <message>
        <source>Select runs in the table to see what each of their layers does per step.</source>
        <translation>在表格中选择训练记录，查看它们每一层每一步的变化。</translation>
    </message>
    <message>
        <source>These runs have no instruments: set Training options → Instruments to every N steps (0 is off) and train.</source>
        <translation>这些训练记录没有逐层监测数据：在“训练选项 → 逐层监测”中设为每 N 步（0 为关闭）后再训练。</translation>
    </message>
    <message>
        <source>One colour per run, one line style per layer. The green band: an update of about 1e-3 of the weights per step, the usual healthy range (CS231n). Each sample is one training step, in fast mode too.</source>
        <translation>颜色区分训练记录，线型区分层。绿色带：每步更新约为权重的 1e-3，这是常见的健康范围（CS231n）。每个采样点都是一个训练步，快速模式下也是如此。</translation>
    </message>
    <message>
        <source>Select a run with instruments to see how its layers&apos; values spread out over training.</source>
        <translation>选择一次有逐层监测数据的运行，查看其各层的数值在训练中如何散开。</translation>
    </message>
    <message>
        <source>{run} · {layer}: each column is one sample, bright where most of the values lie (range fixed at the first sample; values beyond it in the end bins).</source>
        <translation>{run} · {layer}：每一列是一个采样点，数值最集中的地方最亮（范围在第一个采样点时固定；超出范围的值计入两端的区间）。</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss this message</source>
        <translation>关闭这条消息</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>关闭消息</translation>
    </message>
</context>
<context>
    <name>ExperimentForm</name>
    <message>
        <source>Every combination of these values × every seed is trained; the other settings are those of the settings panel.</source>
        <translation>这些取值的每种组合 × 每个种子都会训练一次；其余设置取自设置面板。</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>改变</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>A setting to vary; the others keep the values in the settings panel</source>
        <translation>要改变的设置；其余设置保持设置面板中的值</translation>
    </message>
    <message>
        <source>Setting to vary</source>
        <translation>要改变的设置</translation>
    </message>
    <message>
        <source>Its values, separated by commas; for a random or TPE search also a range: LOW:HIGH or LOW:HIGH:log</source>
        <translation>它的取值，用逗号分隔；随机或 TPE 搜索时也可以是范围：LOW:HIGH 或 LOW:HIGH:log</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>grid: every combination</source>
        <translation>网格：每种组合</translation>
    </message>
    <message>
        <source>random points</source>
        <translation>随机取点</translation>
    </message>
    <message>
        <source>TPE (Bayesian)</source>
        <translation>TPE（贝叶斯）</translation>
    </message>
    <message>
        <source>A grid trains every combination of the listed values × every seed. Random and TPE (Optuna&apos;s samplers) draw the given number of settings from ranges such as 0.0001:1:log and from the lists, and train each with every seed</source>
        <translation>网格会训练所列取值的每种组合 × 每个种子。随机和 TPE（Optuna 的采样器）从 0.0001:1:log 这样的范围和列表中抽取给定数量的设置，每组设置都用每个种子训练</translation>
    </message>
    <message>
        <source>Settings a random or TPE search draws, each trained with every seed</source>
        <translation>随机或 TPE 搜索抽取的设置组数，每组都用每个种子训练</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>试验次数</translation>
    </message>
    <message>
        <source> trials</source>
        <translation> 次试验</translation>
    </message>
    <message>
        <source>stop hopeless trials</source>
        <translation>剪枝：停掉没有希望的试验</translation>
    </message>
    <message>
        <source>Optuna&apos;s median pruner: a trial whose validation accuracy after an epoch is below the median of earlier trials&apos; at that epoch stops there</source>
        <translation>Optuna 的中位数剪枝器：某一轮后验证准确率低于之前试验在同一轮的中位数的试验，就在那里停止</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Each setting runs once per seed: 0-4 or 0,3,7. Several seeds tell a real difference from the luck of one seed.</source>
        <translation>每个设置对每个种子各训练一次：0-4 或 0,3,7。多个种子才能把真正的差异和单个种子的运气区分开。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>(date and time)</source>
        <translation>（日期和时间）</translation>
    </message>
    <message>
        <source>The experiment&apos;s name; running a name again with the same grid continues it</source>
        <translation>实验的名称；用同样的网格再次启动同一名称会继续该实验</translation>
    </message>
    <message>
        <source>Experiment name</source>
        <translation>实验名称</translation>
    </message>
    <message>
        <source>Run experiment</source>
        <translation>运行实验</translation>
    </message>
    <message>
        <source>Train every setting × seed, one run after another (each an ordinary run in the table); Stop keeps what is done</source>
        <translation>依次训练每个设置 × 种子（每次都是表格中的一次普通运行）；停止会保留已完成的部分</translation>
    </message>
    <message>
        <source>values, separated by commas</source>
        <translation>取值，用逗号分隔</translation>
    </message>
    <message>
        <source>{trials} sampled settings × {seeds} seeds = {runs} runs</source>
        <translation>{trials} 组采样的设置 × {seeds} 个种子 = {runs} 次运行</translation>
    </message>
    <message>
        <source>{settings} settings × {seeds} seeds = {trials} runs</source>
        <translation>{settings} 个设置 × {seeds} 个种子 = {trials} 次运行</translation>
    </message>
    <message>
        <source>seeds: 0-4 or 0,3,7</source>
        <translation>种子：0-4 或 0,3,7</translation>
    </message>
</context>
<context>
    <name>ExperimentWorker</name>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow……</translation>
    </message>
</context>
<context>
    <name>ExperimentsPanel</name>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>New experiment</source>
        <translation>新实验</translation>
    </message>
    <message>
        <source>Show or hide the form for a new experiment</source>
        <translation>显示或隐藏新实验的表单</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Run the trials this experiment has left (it was stopped)</source>
        <translation>运行这个实验剩下的试验（它曾被停止）</translation>
    </message>
    <message>
        <source>show seeds</source>
        <translation>显示每个种子</translation>
    </message>
    <message>
        <source>Every seed&apos;s own curve as a thin line</source>
        <translation>每个种子自己的曲线，以细线显示</translation>
    </message>
    <message>
        <source>The metric of the curves, the difference, the parallel coordinates and the heat map</source>
        <translation>曲线、差异、平行坐标和热图所用的指标</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>The curves with their bands (PNG, SVG, PDF) and every seed&apos;s points (CSV)</source>
        <translation>带误差带的曲线（PNG、SVG、PDF）和每个种子的数据点（CSV）</translation>
    </message>
    <message>
        <source>Mean ± std</source>
        <translation>均值 ± 标准差</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>平行坐标</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热图</translation>
    </message>
    <message>
        <source>Difference by epoch</source>
        <translation>逐轮差异</translation>
    </message>
    <message>
        <source>The second selected setting minus the first at every epoch, with its 95% confidence interval; filled dots: apart after Holm&apos;s correction</source>
        <translation>每一轮中第二个选中的设置减去第一个，附 95% 置信区间；实心点：经 Holm 校正后差异显著</translation>
    </message>
    <message>
        <source>Cannot read the experiments: {problem}</source>
        <translation>无法读取实验：{problem}</translation>
    </message>
    <message>
        <source>No experiment yet: choose settings to vary and press Run experiment.</source>
        <translation>还没有实验：选择要改变的设置，然后按“运行实验”。</translation>
    </message>
    <message>
        <source>{done} of {total} runs done · {axes} · seeds {seeds}</source>
        <translation>已完成 {done}/{total} 次运行 · {axes} · 种子 {seeds}</translation>
    </message>
    <message>
        <source>Export the experiment into a folder</source>
        <translation>把实验导出到文件夹</translation>
    </message>
    <message>
        <source>Exported {n} files to {folder}</source>
        <translation>已导出 {n} 个文件到 {folder}</translation>
    </message>
</context>
<context>
    <name>ForkDialog</name>
    <message>
        <source>What if…</source>
        <translation>假设分析：换个设置继续</translation>
    </message>
    <message>
        <source>Continue {run} from one of its finished epochs with other settings, as a new run that keeps its curves up to there (a fresh optimizer; the same batches after).</source>
        <translation>从 {run} 已完成的某一轮起，用其他设置继续训练，作为一次新的运行，保留到那一轮为止的曲线（优化器重新开始；之后的批次相同）。</translation>
    </message>
    <message>
        <source>From epoch</source>
        <translation>从第几轮</translation>
    </message>
    <message>
        <source>Until epoch</source>
        <translation>到第几轮</translation>
    </message>
</context>
<context>
    <name>GroupsModel</name>
    <message>
        <source>Val acc</source>
        <extracomment>(header, key in the report&apos;s groups, shown as percent)</extracomment>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Best val acc</source>
        <translation>最佳验证准确率</translation>
    </message>
    <message>
        <source>Val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <source>Time per trial</source>
        <translation>每次试验用时</translation>
    </message>
    <message>
        <source>Seeds needed</source>
        <translation>所需种子数</translation>
    </message>
    <message>
        <source>mean ± sample standard deviation over {n} seeds</source>
        <translation>{n} 个种子的均值 ± 样本标准差</translation>
    </message>
    <message>
        <source>Seeds per setting to detect the chosen difference in validation accuracy with 80% power (from this setting&apos;s spread over {n} seeds; — with fewer than two)</source>
        <translation>以 80% 的检验功效检测出所选验证准确率差异时，每个设置所需的种子数（依据此设置 {n} 个种子间的波动；少于两个种子时为 —）</translation>
    </message>
</context>
<context>
    <name>GroupsTable</name>
    <message>
        <source>Experiment settings</source>
        <translation>实验设置</translation>
    </message>
    <message>
        <source>One row per setting: mean ± std over its seeds. Click two rows to see their difference with its 95% confidence interval.</source>
        <translation>每个设置一行：各种子的均值 ± 标准差。点击两行可查看它们的差异及其 95% 置信区间。</translation>
    </message>
</context>
<context>
    <name>HeatMap</name>
    <message>
        <source>Heat map</source>
        <translation>热图</translation>
    </message>
    <message>
        <source>A heat map needs an experiment that varies exactly two settings; this one varies {n}. The parallel coordinates show any number.</source>
        <translation>热图需要一个恰好变化两个设置的实验；这个实验变化了 {n} 个。平行坐标可以显示任意数量。</translation>
    </message>
    <message>
        <source>{metric}: mean ± std over seeds</source>
        <translation>{metric}：各种子的均值 ± 标准差</translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>true {true} → {predicted}</source>
        <translation>真实 {true} → {predicted}</translation>
    </message>
    <message>
        <source>row-normalised</source>
        <translation>按行归一化</translation>
    </message>
    <message>
        <source>Show each row as the percentage of that true class predicted as each class (the diagonal is then each class&apos;s recall)</source>
        <translation>每行显示该真实类别被预测为各类别的百分比（对角线就是各类别的召回率）</translation>
    </message>
    <message>
        <source>Export matrix…</source>
        <translation>导出矩阵…</translation>
    </message>
    <message>
        <source>Save the confusion matrix as PNG, SVG, PDF or CSV</source>
        <translation>把混淆矩阵保存为 PNG、SVG、PDF 或 CSV</translation>
    </message>
    <message>
        <source>Export images…</source>
        <translation>导出图像…</translation>
    </message>
    <message>
        <source>Save the images of the current tab as PNG</source>
        <translation>把当前标签页的图像保存为 PNG</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>各类别</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>错例</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source> (the first two of the {n} selected runs)</source>
        <translation>（所选 {n} 次运行中的前两次）</translation>
    </message>
    <message>
        <source>Select a finished run in the table to see what it gets right and wrong; select two to compare them side by side.</source>
        <translation>在表格中选择一次已完成的运行，看它哪些判断对、哪些错；选两次运行可以并排比较。</translation>
    </message>
    <message>
        <source>{run} has no saved model yet (it has not finished an epoch, or it diverged): nothing to look inside.</source>
        <translation>{run} 还没有保存的模型（还没跑完一轮，或者已经发散）：没有可查看的内容。</translation>
    </message>
    <message>
        <source>Select a finished run in the table to draw for its model.</source>
        <translation>在表格中选择一次已完成的运行，就可以手写数字让它的模型识别。</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <source>Evaluating {runs}{more} on the validation images…</source>
        <translation>正在用验证图像评估 {runs}{more}……</translation>
    </message>
    <message>
        <source>Cannot evaluate: {problem}</source>
        <translation>无法评估：{problem}</translation>
    </message>
    <message>
        <source>These two runs were evaluated on different validation images (another dataset or validation limit), so they are shown side by side but not compared image by image.</source>
        <translation>这两次运行是在不同的验证图像上评估的（数据集或验证样本数不同），所以只并排显示，不逐张比较。</translation>
    </message>
    <message>
        <source>{run}: {accuracy} right on {n} validation images</source>
        <translation>{run}：在 {n} 张验证图像上准确率 {accuracy}</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>点击矩阵的格子查看对应的图像。</translation>
    </message>
    <message>
        <source>Drawing is off: {problem}.</source>
        <translation>手写识别不可用：{problem}。</translation>
    </message>
    <message>
        <source> (the first {n} shown)</source>
        <translation>（只显示前 {n} 张）</translation>
    </message>
    <message>
        <source>{run}: {n} images of a {true} predicted as {predicted}{more}</source>
        <translation>{run}：{n} 张 {true} 被预测成 {predicted}{more}</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall (accuracy)</source>
        <translation>召回率（准确率）</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>{run}: the {n} most confidently wrong validation images, with the top-3 probabilities</source>
        <translation>{run}：最有把握却判错的 {n} 张验证图像，附前三名的概率</translation>
    </message>
    <message>
        <source>{run}: the {n} most confidently wrong validation images, with the top-3 raw scores (an MSE-trained model)</source>
        <translation>{run}：最有把握却判错的 {n} 张验证图像，附前三名的原始分数（用 MSE 训练的模型）</translation>
    </message>
    <message>
        <source>{right} right, {wrong} wrong: {n} images</source>
        <translation>{right} 判对、{wrong} 判错的：{n} 张图像</translation>
    </message>
    <message>
        <source> (the first {n})</source>
        <translation>（前 {n} 张）</translation>
    </message>
    <message>
        <source>true {true}
other: {other}</source>
        <translation>真实 {true}
另一个：{other}</translation>
    </message>
    <message>
        <source>Export the confusion matrix</source>
        <translation>导出混淆矩阵</translation>
    </message>
    <message>
        <source>Export failed: {problem}</source>
        <translation>导出失败：{problem}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export the images</source>
        <translation>导出图像</translation>
    </message>
</context>
<context>
    <name>LandscapePanel</name>
    <message>
        <source>Line: from the start weights to the end weights and beyond</source>
        <translation>直线：从起点权重到终点权重并向外延伸</translation>
    </message>
    <message>
        <source>Plane around the end, on the PCA of the path (path drawn)</source>
        <translation>终点周围的平面，取路径的 PCA 方向（画出路径）</translation>
    </message>
    <message>
        <source>Plane around the end, on two random filter-normalised directions</source>
        <translation>终点周围的平面，取两个按滤波器归一化的随机方向</translation>
    </message>
    <message>
        <source>Plane through the common start and both ends (both paths)</source>
        <translation>过共同起点和两个终点的平面（画出两条路径）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Shown value</source>
        <translation>显示的量</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Points along each axis of the plane (a line has this many points too)</source>
        <translation>平面每条轴上的点数（直线也取这么多点）</translation>
    </message>
    <message>
        <source>Probe samples</source>
        <translation>探测样本</translation>
    </message>
    <message>
        <source>Validation samples, drawn with a fixed seed, on which every point&apos;s loss is measured: the same seed gives the same picture</source>
        <translation>用固定种子抽取的验证样本，每个点的损失都在这些样本上测量：同一种子得到同一幅图</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export grid…</source>
        <translation>导出网格…</translation>
    </message>
    <message>
        <source>The grid as CSV (x, y, loss, accuracy) or NumPy .npz; right-click the plot to save the picture</source>
        <translation>把网格导出为 CSV（x、y、损失、准确率四列）或 NumPy .npz；右键单击图可保存图片</translation>
    </message>
    <message>
        <source>Loading the model and the probe set…</source>
        <translation>正在加载模型和探测集……</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Row {i} of {n}…</source>
        <translation>第 {i} 行，共 {n} 行……</translation>
    </message>
    <message>
        <source>The landscape cannot be drawn: {problem}</source>
        <translation>无法绘制损失地形：{problem}</translation>
    </message>
    <message>
        <source>α: 0 = the start weights, 1 = the end weights</source>
        <translation>α：0 = 起点权重，1 = 终点权重</translation>
    </message>
    <message>
        <source>first PCA direction of the path ({share:.0%} of its movement)</source>
        <translation>路径的第一 PCA 方向（占其移动的 {share:.0%}）</translation>
    </message>
    <message>
        <source>second PCA direction ({share:.0%})</source>
        <translation>第二 PCA 方向（{share:.0%}）</translation>
    </message>
    <message>
        <source>random direction 1 (filter-normalised)</source>
        <translation>随机方向 1（按滤波器归一化）</translation>
    </message>
    <message>
        <source>random direction 2</source>
        <translation>随机方向 2</translation>
    </message>
    <message>
        <source>toward {run}&apos;s end</source>
        <translation>指向 {run} 的终点</translation>
    </message>
    <message>
        <source>(0, 0) is the common start; across: toward the first run&apos;s end, up: toward the second&apos;s, off the first axis. Each line is one run&apos;s path, epoch by epoch; a star is its end. An end on a slope the other run went down is a run that stopped short; the sharpness says how narrow each end&apos;s valley is.</source>
        <translation>(0, 0) 是共同起点；横轴指向第一次运行的终点，纵轴指向第二次运行的终点（第一条轴之外的部分）。每条线是一次运行逐轮的路径，星号是其终点。终点若停在另一次运行走下去的斜坡上，这次运行就是半途停下了；锐度说明每个终点所在的谷有多窄。</translation>
    </message>
    <message>
        <source>{n} probe samples, computed in {seconds:.1f} s.</source>
        <translation>{n} 个探测样本，用时 {seconds:.1f} 秒。</translation>
    </message>
    <message>
        <source>Sharpness of {run} (top Hessian eigenvalue): {value:.4g}.</source>
        <translation>{run} 的锐度（Hessian 最大特征值）：{value:.4g}。</translation>
    </message>
    <message>
        <source>The surface is {run}&apos;s loss; each sharpness is in its own run&apos;s loss (Keras&apos;s &quot;mse&quot; divides the article&apos;s loss by the number of classes, and so its sharpness).</source>
        <translation>曲面是 {run} 的损失；每个锐度都按各自运行的损失计算（Keras 的 &quot;mse&quot; 把文章的损失除以类别数，锐度也随之变小）。</translation>
    </message>
    <message>
        <source>Select one run in the table, or two runs trained from the same start (same model and seed), then press Compute.</source>
        <translation>在训练记录表中选择一次运行，或从同一起点（相同模型和种子）训练的两次运行，然后按“计算”。</translation>
    </message>
    <message>
        <source>The loss on the straight line through the start (α = 0) and end (α = 1) weights; dots: the weights kept after each epoch, at their projections, with their real loss (Goodfellow, Vinyals &amp; Saxe 2015).</source>
        <translation>过起点权重（α = 0）和终点权重（α = 1）的直线上的损失；圆点：每轮结束后保存的权重，画在其投影处，取其真实损失（Goodfellow, Vinyals &amp; Saxe 2015）。</translation>
    </message>
    <message>
        <source>Centred on the end weights (0, 0); colour: the loss on the probe set (log scale), lines: contours. The PCA plane holds the path&apos;s main directions and draws it; random directions are scaled to each filter&apos;s weights (Li et al. 2018).</source>
        <translation>以终点权重为中心 (0, 0)；颜色：探测集上的损失（对数刻度），线：等高线。PCA 平面包含路径的主要方向并画出路径；随机方向按每个滤波器的权重缩放（Li et al. 2018）。</translation>
    </message>
    <message>
        <source>Export the grid</source>
        <translation>导出网格</translation>
    </message>
    <message>
        <source>Cannot write {path}: {problem}</source>
        <translation>无法写入 {path}：{problem}</translation>
    </message>
</context>
<context>
    <name>LandscapePlot</name>
    <message>
        <source>log10 loss</source>
        <translation>log10 损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>along the line</source>
        <translation>沿直线</translation>
    </message>
    <message>
        <source>the run&apos;s kept epochs</source>
        <translation>该次运行保存的各轮权重</translation>
    </message>
</context>
<context>
    <name>LrFindDialog</name>
    <message>
        <source>Find the learning rate</source>
        <translation>寻找学习率</translation>
    </message>
    <message>
        <source>learning rate (log)</source>
        <translation>学习率（对数）</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Try them…</source>
        <translation>逐一试训…</translation>
    </message>
    <message>
        <source>Train each suggested learning rate with the seeds of Compare (the settings&apos; seed and the next ones) as an experiment: the Experiments tab shows which wins, with its spread.</source>
        <translation>用“比较”所用的种子（设置中的种子及其后几个）把每个建议学习率各训练一遍，作为一次实验：“实验”标签页会显示哪个胜出，以及种子间的波动。</translation>
    </message>
    <message>
        <source>Training {method} with the learning rate growing from 1e-6 to 10… step {i} of at most {n}</source>
        <translation>正在训练 {method}，学习率从 1e-6 增长到 10……第 {i} 步，最多 {n} 步</translation>
    </message>
    <message>
        <source>The test failed: {problem}</source>
        <translation>测试失败：{problem}</translation>
    </message>
    <message>
        <source>Use {lr} (steepest)</source>
        <translation>使用 {lr}（下降最快）</translation>
    </message>
    <message>
        <source>Use {lr} (valley)</source>
        <translation>使用 {lr}（谷值）</translation>
    </message>
    <message>
        <source>Use {lr} (minimum ÷ 10)</source>
        <translation>使用 {lr}（最低点 ÷ 10）</translation>
    </message>
    <message>
        <source>{method}, {loss}, {optimizer}: the loss (blue, smoothed; grey, each step) as the learning rate grows over {n} steps{end}.</source>
        <translation>{method}、{loss}、{optimizer}：学习率在 {n} 步中增长时的损失（蓝色为平滑后，灰色为每一步）{end}。</translation>
    </message>
    <message>
        <source>Red, steepest, {lr}: where the loss falls fastest; the boldest of the three.</source>
        <translation>红线，下降最快处，{lr}：损失下降最快的位置；三者中最激进的选择。</translation>
    </message>
    <message>
        <source>Green, valley, {lr}: two thirds along the longest fall of the loss; a safer choice.</source>
        <translation>绿线，谷值，{lr}：损失最长下降段的三分之二处；更稳妥的选择。</translation>
    </message>
    <message>
        <source>Orange, minimum ÷ 10, {lr}: a tenth of the rate at the lowest loss, well before the loss turns up.</source>
        <translation>橙线，最低点 ÷ 10，{lr}：损失最低处学习率的十分之一，离损失回升还很远。</translation>
    </message>
    <message>
        <source>Under SGD, Keras&apos;s &quot;mse&quot; moves all three 10× to the right of the article&apos;s loss.</source>
        <translation>在 SGD 下用 Keras 的 &quot;mse&quot; 时，三个建议学习率都是用原文损失时的 10 倍（对数轴上右移一个数量级）。</translation>
    </message>
    <message>
        <source>, until it exploded</source>
        <translation>，直到损失爆炸</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TF Training Workbench</source>
        <translation>TF 训练工作台</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Where runs are saved (set WORKBENCH_RUNS_DIR or use --runs-dir to change)</source>
        <translation>训练记录保存的位置（可设置 WORKBENCH_RUNS_DIR 或用 --runs-dir 修改）</translation>
    </message>
    <message>
        <source>Runs folder: {path}</source>
        <translation>训练记录文件夹：{path}</translation>
    </message>
    <message>
        <source>Starting TensorBoard…</source>
        <translation>正在启动 TensorBoard……</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Inside the run</source>
        <translation>模型剖析</translation>
    </message>
    <message>
        <source>Confusion matrix, mistakes, per-class accuracy, model summary and a drawing pad for the run selected in the table (two runs: side by side)</source>
        <translation>表格中所选训练记录的混淆矩阵、错例、各类别准确率、模型概要和手写板（选两次运行时并排显示）</translation>
    </message>
    <message>
        <source>Dynamics</source>
        <translation>训练动态</translation>
    </message>
    <message>
        <source>What each layer does per step: update/weight ratio, gradient norm, weight norm, dead ReLU units, for the runs selected in the table</source>
        <translation>每一层每一步的变化：更新/权重比、梯度范数、权重范数、死亡 ReLU 单元，针对表格中选中的训练记录</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>The ground the optimizer walked: the loss around the selected run&apos;s weights (or two runs&apos; from one start), its path on it, and each end&apos;s sharpness</source>
        <translation>优化器走过的地形：所选运行的权重周围（或从同一起点出发的两次运行周围）的损失、其上的路径，以及每个终点的锐度</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Settings × seeds: mean and spread per setting, the difference of two settings with its confidence interval, parallel coordinates</source>
        <translation>设置 × 种子：每个设置的均值和波动、两个设置之差及其置信区间、平行坐标</translation>
    </message>
    <message>
        <source>TensorBoard at {url}</source>
        <translation>TensorBoard 地址：{url}</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>训练记录文件夹</translation>
    </message>
    <message>
        <source>Stop the run before changing the runs folder.</source>
        <translation>请先停止训练，再更换训练记录文件夹。</translation>
    </message>
    <message>
        <source>Stopping the run before closing…</source>
        <translation>关闭前正在停止训练……</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>(menu, [(text, window method, shortcuts, object name)]); a None entry is a separator</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Reload runs</source>
        <translation>重新读取训练记录(&amp;R)</translation>
    </message>
    <message>
        <source>Change runs &amp;folder…</source>
        <translation>更换训练记录文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Compare optimizers</source>
        <translation>比较优化器(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Reproduce the article</source>
        <translation>复现原文(&amp;R)</translation>
    </message>
    <message>
        <source>Res&amp;ume selected run</source>
        <translation>继续训练所选记录(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;TensorBoard</source>
        <translation>&amp;TensorBoard</translation>
    </message>
    <message>
        <source>&amp;Inside the selected run</source>
        <translation>所选训练记录的模型剖析(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>OpenChoiceCombo</name>
    <message>
        <source>Your model file…</source>
        <translation>你的模型文件…</translation>
    </message>
    <message>
        <source>A Python file with a function (input_shape, num_classes) that returns a keras.Model, or a saved .keras model</source>
        <translation>一个 Python 文件，其中的函数以 (input_shape, num_classes) 为参数并返回 keras.Model；或一个保存的 .keras 模型</translation>
    </message>
    <message>
        <source>Your model: a Python file with a build function, or a saved Keras model</source>
        <translation>你的模型：含构建函数的 Python 文件，或保存的 Keras 模型</translation>
    </message>
    <message>
        <source>Models (*.py *.keras)</source>
        <translation>模型 (*.py *.keras)</translation>
    </message>
    <message>
        <source>The build function</source>
        <translation>构建函数</translation>
    </message>
    <message>
        <source>The function in {file} that returns the model, called with (input_shape, num_classes):</source>
        <translation>{file} 中返回模型的函数，调用时传入 (input_shape, num_classes)：</translation>
    </message>
</context>
<context>
    <name>ParallelCoordinates</name>
    <message>
        <source>One axis per varied setting, the metric last; one line per trial (each seed), coloured by its metric: bright = high</source>
        <translation>每个被改变的设置一条轴，最后一条是指标；每次试验（每个种子）一条线，按指标着色：越亮越高</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>平行坐标</translation>
    </message>
    <message>
        <source>No finished trials yet</source>
        <translation>还没有完成的试验</translation>
    </message>
</context>
<context>
    <name>PlotMenu</name>
    <message>
        <source>Show all the data</source>
        <translation>显示全部数据</translation>
    </message>
    <message>
        <source>Save picture…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>Save the plot</source>
        <translation>保存曲线图</translation>
    </message>
</context>
<context>
    <name>PlotPanel</name>
    <message>
        <source>solid: training per epoch · dashed: validation · thin: training per batch · dotted: true validation, where the logged one is wrong (⚠)</source>
        <translation>实线：每轮训练 · 虚线：验证 · 细线：每批次训练 · 点线：真实验证值（日志里的值有误时，⚠）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Learning-rate plot</source>
        <translation>学习率图</translation>
    </message>
    <message>
        <source>Loss plot</source>
        <translation>损失图</translation>
    </message>
    <message>
        <source>Accuracy plot</source>
        <translation>准确率图</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>training step (batch)</source>
        <translation>训练步数（批次）</translation>
    </message>
</context>
<context>
    <name>ReproduceDialog</name>
    <message>
        <source>The article, reproduced</source>
        <translation>复现原文</translation>
    </message>
    <message>
        <source>Accuracies in percent: the mean ± std over {n} seeds. &quot;Reported within ±2 std&quot;: the article&apos;s number lies within two standard deviations of the mean measured here, i.e. within the spread of the seeds. The experiment is in the Experiments tab, each run in the runs table.</source>
        <translation>准确率以百分比表示：{n} 个种子的均值 ± 标准差。“原文值在 ±2 标准差内”：原文的数字落在这里测得的均值的两个标准差之内，即在种子间的波动范围内。该实验在“实验”标签页中，每次运行都在训练记录表中。</translation>
    </message>
    <message>
        <source>Accuracies in percent. The runs are in the runs table: select them to overlay their curves.</source>
        <translation>准确率以百分比表示。这些运行都在训练记录表里：选中它们可以叠加显示曲线。</translation>
    </message>
</context>
<context>
    <name>RunActions</name>
    <message>
        <source>Keras model (*.keras)</source>
        <translation>Keras 模型 (*.keras)</translation>
    </message>
    <message>
        <source>TensorFlow SavedModel for serving (folder)</source>
        <translation>用于部署的 TensorFlow SavedModel（文件夹）</translation>
    </message>
    <message>
        <source>TensorFlow Lite (*.tflite)</source>
        <translation>TensorFlow Lite (*.tflite)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Run again with these settings</source>
        <translation>用这组设置再跑一次</translation>
    </message>
    <message>
        <source>What if… (continue from an epoch with other settings)</source>
        <translation>假设分析：换个设置继续（从某一轮起）</translation>
    </message>
    <message>
        <source>Compare inside (matrices, images one gets right)</source>
        <translation>比较模型剖析（矩阵、一方判对的图像）</translation>
    </message>
    <message>
        <source>Look inside (confusion matrix, mistakes, draw a digit)</source>
        <translation>模型剖析（混淆矩阵、错例、手写数字）</translation>
    </message>
    <message>
        <source>Export model…</source>
        <translation>导出模型…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Delete 1 run…</source>
        <translation>删除 1 条训练记录…</translation>
    </message>
    <message>
        <source>Delete {n} runs…</source>
        <translation>删除 {n} 条训练记录…</translation>
    </message>
    <message>
        <source>The settings of {run} cannot be used: {problem}</source>
        <translation>{run} 的设置无法使用：{problem}</translation>
    </message>
    <message>
        <source>Run this model&apos;s code?</source>
        <translation>运行这个模型的代码吗？</translation>
    </message>
    <message>
        <source>The model of {run} is Python code that this computer did not write:
{path}

It runs with your rights. Run it only if you trust where the run came from (open the file to read it first).</source>
        <translation>{run} 的模型是并非由这台电脑写入的 Python 代码：
{path}

它会以你的权限运行。只有在你信任这个训练记录的来源时才运行它（可先打开文件阅读）。</translation>
    </message>
    <message>
        <source>Cannot resume {run}: {problem}</source>
        <translation>无法继续 {run}：{problem}</translation>
    </message>
    <message>
        <source>Exporting the model of {run}…</source>
        <translation>正在导出 {run} 的模型……</translation>
    </message>
    <message>
        <source>Model exported to {path}</source>
        <translation>模型已导出到 {path}</translation>
    </message>
    <message>
        <source>Export model: {problem}</source>
        <translation>导出模型：{problem}</translation>
    </message>
    <message>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名训练记录</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除训练记录</translation>
    </message>
    <message>
        <source>Delete {n} run folder(s) with their models and logs?</source>
        <translation>删除 {n} 个训练记录文件夹及其中的模型和日志？</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>{reported} ⚠ true {true}</source>
        <translation>{reported} ⚠ 真实 {true}</translation>
    </message>
    <message>
        <source>{key}: Keras logged {reported}; the model really scores {true} ({finding})</source>
        <translation>{key}：Keras 记录的是 {reported}；模型实际是 {true}（{finding}）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Val acc</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Best val acc</source>
        <translation>最佳验证准确率</translation>
    </message>
    <message>
        <source>Val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>锐度</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Sharpness: the largest eigenvalue of the loss&apos;s Hessian at the run&apos;s end weights, on the landscape&apos;s probe set (power iteration). Higher: a narrower valley, where the same step changes the loss more. Measured in the Landscape tab or by workbench landscape.</source>
        <translation>锐度：运行终点权重处损失的 Hessian 最大特征值，在损失地形的探测集上用幂迭代求得。越高，谷越窄，同样的步长使损失变化越大。在“损失地形”页或用 workbench landscape 测量。</translation>
    </message>
</context>
<context>
    <name>RunsTable</name>
    <message>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <source>Every run in the runs folder. Select runs (Ctrl/Shift-click) to overlay them in the plots.</source>
        <translation>训练记录文件夹中的所有训练记录。选中多条（Ctrl/Shift 点击）可在曲线图中叠加显示。</translation>
    </message>
</context>
<context>
    <name>SeedsNeeded</name>
    <message>
        <source>Seeds needed to detect a difference of</source>
        <translation>检测如下差异所需的种子数：</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>Seeds per setting for a two-sided t-test at α = 0.05 to detect a true difference of this size in validation accuracy with 80% power, from each setting&apos;s measured spread (statsmodels)</source>
        <translation>在 α = 0.05 的双侧 t 检验中，以 80% 的检验功效检测出验证准确率上这么大的真实差异时，每个设置所需的种子数，依据各设置实测的种子间的波动（statsmodels）</translation>
    </message>
    <message>
        <source>How much each varied setting explains of the trials&apos; validation accuracy (Optuna&apos;s PED-ANOVA importance); never the seed</source>
        <translation>每个要改变的设置能解释多少试验的验证准确率（Optuna 的 PED-ANOVA 重要性）；从不包括种子</translation>
    </message>
    <message>
        <source>Which setting mattered ({evaluator}, {n} trials): {shares}</source>
        <translation>哪个设置最重要（{evaluator}，{n} 次试验）：{shares}</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Training options</source>
        <translation>训练选项</translation>
    </message>
    <message>
        <source>Show or hide the learning-rate schedule, early stopping, dropout and optimizer hyperparameters</source>
        <translation>显示或隐藏学习率调度、提前停止、dropout 和优化器超参数</translation>
    </message>
    <message>
        <source>Choose an .npz dataset file</source>
        <translation>选择一个 .npz 数据集文件</translation>
    </message>
    <message>
        <source>Choose dataset file</source>
        <translation>选择数据集文件</translation>
    </message>
    <message>
        <source>What TensorFlow sees on this machine and what the Device setting will run</source>
        <translation>TensorFlow 在这台机器上看到的设备，以及按“设备”设置训练时将使用的设备</translation>
    </message>
    <message>
        <source>Devices: known once TensorFlow has loaded</source>
        <translation>设备：TensorFlow 加载后可知</translation>
    </message>
    <message>
        <source>Sees {devices} · runs on {run}</source>
        <translation>可见 {devices} · 训练使用 {run}</translation>
    </message>
    <message>
        <source>A file: NumPy archive (.npz) or CSV…</source>
        <translation>文件：NumPy 归档（.npz）或 CSV…</translation>
    </message>
    <message>
        <source>Preview the dataset…</source>
        <translation>预览数据集…</translation>
    </message>
    <message>
        <source>Datasets (*.npz *.csv)</source>
        <translation>数据集 (*.npz *.csv)</translation>
    </message>
    <message>
        <source>A folder of images, one sub-folder per class…</source>
        <translation>图像文件夹，每个类别一个子文件夹…</translation>
    </message>
    <message>
        <source>Choose a folder of images</source>
        <translation>选择图像文件夹</translation>
    </message>
    <message>
        <source>Choose a dataset</source>
        <translation>选择数据集</translation>
    </message>
</context>
<context>
    <name>TensorFlowLabel</name>
    <message>
        <source>Loading TensorFlow in the background…</source>
        <translation>正在后台加载 TensorFlow……</translation>
    </message>
    <message>
        <source>TensorFlow loads on first use</source>
        <translation>TensorFlow 在第一次使用时加载</translation>
    </message>
    <message>
        <source>TensorFlow failed to load</source>
        <translation>TensorFlow 加载失败</translation>
    </message>
    <message>
        <source>TensorFlow could not be loaded: {problem}</source>
        <translation>无法加载 TensorFlow：{problem}</translation>
    </message>
</context>
<context>
    <name>TrainWorker</name>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow……</translation>
    </message>
    <message>
        <source>Setting {problem}</source>
        <translation>设置有误：{problem}</translation>
    </message>
    <message>
        <source>Device: {problem}</source>
        <translation>设备：{problem}</translation>
    </message>
    <message>
        <source>Training failed: {problem}</source>
        <translation>训练失败：{problem}</translation>
    </message>
</context>
<context>
    <name>TrainingPresenter</name>
    <message>
        <source>Preparing the run…</source>
        <translation>正在准备训练……</translation>
    </message>
    <message>
        <source>Loading TensorFlow… (a few seconds, once)</source>
        <translation>正在加载 TensorFlow……（只需一次，几秒钟）</translation>
    </message>
    <message>
        <source>Compiling the training step…</source>
        <translation>正在编译训练步……</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs}   loss {loss}   accuracy {accuracy}   {rate} samples/s</source>
        <translation>第 {epoch}/{epochs} 轮   损失 {loss}   准确率 {accuracy}   每秒 {rate} 个样本</translation>
    </message>
    <message>
        <source>Run {status}</source>
        <translation>训练{status}</translation>
    </message>
    <message>
        <source>Run {status}: validation accuracy {accuracy}</source>
        <translation>训练{status}：验证准确率 {accuracy}</translation>
    </message>
    <message>
        <source> · right-click it in the table to resume</source>
        <translation> · 在表格中右键点击它可以继续</translation>
    </message>
    <message>
        <source>The run {status}: {error}</source>
        <translation>训练{status}：{error}</translation>
    </message>
    <message>
        <source>Training did not run: {reason}</source>
        <translation>训练没有开始：{reason}</translation>
    </message>
</context>
<context>
    <name>article</name>
    <message>
        <source>train accuracy as reported by the wrong metric</source>
        <translation>用错误的指标报告的训练准确率</translation>
    </message>
    <message>
        <source>val loss far below train loss</source>
        <translation>验证损失远低于训练损失</translation>
    </message>
    <message>
        <source>test_step returned its own loss; the logged val loss is not it</source>
        <translation>test_step 返回了自己算的损失；日志里的验证损失并不是它</translation>
    </message>
    <message>
        <source>better than SGD, close to overfitting</source>
        <translation>比 SGD 好，接近过拟合</translation>
    </message>
    <message>
        <source>reported train</source>
        <extracomment>a reported number &quot;lies within the measured spread&quot; when it is within this many sample stds of the mean</extracomment>
        <translation>原文训练</translation>
    </message>
    <message>
        <source>reported val</source>
        <translation>原文验证</translation>
    </message>
    <message>
        <source>measured train</source>
        <translation>实测训练</translation>
    </message>
    <message>
        <source>measured val</source>
        <translation>实测验证</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>val loss (Keras)</source>
        <translation>验证损失（Keras）</translation>
    </message>
    <message>
        <source>val loss (true)</source>
        <translation>验证损失（真实）</translation>
    </message>
    <message>
        <source>finding</source>
        <translation>原文的发现</translation>
    </message>
    <message>
        <source>reported within ±2 std</source>
        <translation>原文值在 ±2 标准差内</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>training options</source>
        <translation>训练选项</translation>
    </message>
    <message>
        <source>run a model file&apos;s Python code that this machine did not write (a run folder from elsewhere), and let a saved .keras model run its Lambda layers; read the code first</source>
        <translation>运行并非由本机写入的模型文件中的 Python 代码（来自别处的训练记录文件夹），并允许保存的 .keras 模型运行其 Lambda 层；请先阅读代码</translation>
    </message>
    <message>
        <source>training failed: {problem}</source>
        <translation>训练失败：{problem}</translation>
    </message>
    <message>
        <source>{status}: trained as a worker of the cluster; the chief writes the run</source>
        <translation>{status}：作为集群的 worker 训练；训练记录由 chief 写入</translation>
    </message>
    <message>
        <source>{status}: run {run} in {path}</source>
        <translation>{status}：训练记录 {run}，位于 {path}</translation>
    </message>
    <message>
        <source>warning: {warning}</source>
        <translation>警告：{warning}</translation>
    </message>
    <message>
        <source>then train each suggested learning rate with these seeds (as 0-2 or 0,3,7) for --epochs, as an experiment, and say which wins</source>
        <translation>随后用这些种子（如 0-2 或 0,3,7）把每个建议学习率各训练 --epochs 轮，作为一次实验，并给出胜出者</translation>
    </message>
    <message>
        <source>argument --steps: {value} is out of range; allowed 20 to 10000</source>
        <translation>参数 --steps：{value} 超出范围；允许 20 到 10000</translation>
    </message>
    <message>
        <source>LR range test ({method}, {loss}, {optimizer}): {n} steps from {low} to {high}{end}</source>
        <translation>学习率范围测试（{method}、{loss}、{optimizer}）：{n} 步，从 {low} 到 {high}{end}</translation>
    </message>
    <message>
        <source>, where the loss exploded</source>
        <translation>，损失在此爆炸</translation>
    </message>
    <message>
        <source>suggested lr (steepest descent): {lr}</source>
        <translation>建议的学习率（下降最快）：{lr}</translation>
    </message>
    <message>
        <source>valley lr (safer): {lr}</source>
        <translation>谷值学习率（更稳妥）：{lr}</translation>
    </message>
    <message>
        <source>minimum ÷ 10 lr (a tenth of the rate at the lowest loss): {lr}</source>
        <translation>最低点 ÷ 10 学习率（损失最低处学习率的十分之一）：{lr}</translation>
    </message>
    <message>
        <source>no learning rate to try: the test suggested none</source>
        <translation>没有可试的学习率：该测试没有给出建议</translation>
    </message>
    <message>
        <source>experiment {id}: {lrs} × seeds {seeds}, {epochs} epochs each</source>
        <translation>实验 {id}：{lrs} × 种子 {seeds}，每次 {epochs} 轮</translation>
    </message>
    <message>
        <source>lr {lr:g} ({readings}): val accuracy {mean} [{low}, {high}] 95% CI, {n} seeds</source>
        <translation>学习率 {lr:g}（{readings}）：验证准确率 {mean}，95% 置信区间 [{low}, {high}]，{n} 个种子</translation>
    </message>
    <message>
        <source>winner: lr {lr:g}, ahead by {delta:.2f} points [{low:.2f}, {high:.2f}] 95% CI (Welch p = {p:.2g})</source>
        <translation>胜出：学习率 {lr:g}，领先 {delta:.2f} 个百分点，95% 置信区间 [{low:.2f}, {high:.2f}]（Welch p = {p:.2g}）</translation>
    </message>
    <message>
        <source>lr {lr:g} leads by {delta:.2f} points, but [{low:.2f}, {high:.2f}] 95% CI holds 0: the seeds cannot tell these apart; try more seeds</source>
        <translation>学习率 {lr:g} 领先 {delta:.2f} 个百分点，但 95% 置信区间 [{low:.2f}, {high:.2f}] 包含 0：这些种子分不出高下；请增加种子</translation>
    </message>
    <message>
        <source>training {run}</source>
        <translation>正在训练 {run}</translation>
    </message>
    <message>
        <source>accuracies in percent (--json gives fractions)</source>
        <translation>准确率以百分比表示（--json 给出小数）</translation>
    </message>
    <message>
        <source>no runs in {path}</source>
        <translation>{path} 中没有训练记录</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>val_acc</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>sharpness</source>
        <translation>锐度</translation>
    </message>
    <message>
        <source>cannot write {path}: {problem}</source>
        <translation>无法写入 {path}：{problem}</translation>
    </message>
    <message>
        <source>run {run}: accuracy {accuracy} on {n} validation samples</source>
        <translation>训练记录 {run}：在 {n} 个验证样本上准确率 {accuracy}</translation>
    </message>
    <message>
        <source>confusion matrix (rows: true class, columns: predicted)</source>
        <translation>混淆矩阵（行：真实类别，列：预测类别）</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>top-3 values are the model&apos;s raw scores: it was trained with a squared error against the one-hot label, so its outputs are not logits</source>
        <translation>前三名的数值是模型的原始分数：它是用对 one-hot 标签的平方误差训练的，所以输出不是 logits</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>TensorBoard at {url}</source>
        <translation>TensorBoard 地址：{url}</translation>
    </message>
    <message>
        <source>removed {path}</source>
        <translation>已删除 {path}</translation>
    </message>
    <message>
        <source>TF Training Workbench: see why a network trains the way it does.</source>
        <extracomment>the subcommands, in the order `--help` lists them</extracomment>
        <translation>TF 训练工作台：看清网络为什么这样训练。</translation>
    </message>
    <message>
        <source>show Python tracebacks</source>
        <translation>显示 Python 调用栈</translation>
    </message>
    <message>
        <source>last stdout line is JSON</source>
        <translation>标准输出的最后一行是 JSON</translation>
    </message>
    <message>
        <source>runs folder (default: $WORKBENCH_RUNS_DIR or the user data folder)</source>
        <translation>训练记录文件夹（默认：$WORKBENCH_RUNS_DIR 或用户数据文件夹）</translation>
    </message>
    <message>
        <source>one training run, headless; writes a run folder</source>
        <translation>无界面地训练一次；写出一个训练记录文件夹</translation>
    </message>
    <message>
        <source>list the runs in a runs folder</source>
        <translation>列出训练记录文件夹中的训练记录</translation>
    </message>
    <message>
        <source>continue a stopped or interrupted run from its last finished epoch</source>
        <translation>从最后完成的一轮继续一个已停止或被中断的运行</translation>
    </message>
    <message>
        <source>what if: continue a run from one of its epochs with another loss, optimizer or learning rate, as a new run</source>
        <translation>假设分析：从某次运行的某一轮起，用另一种损失、优化器或学习率继续，作为一次新的运行</translation>
    </message>
    <message>
        <source>measure why a configuration trains differently (loss scale, resolved metric)</source>
        <translation>测量一组配置为什么训练结果不同（损失量级、解析出的指标）</translation>
    </message>
    <message>
        <source>re-run the article&apos;s experiments; print reported vs measured</source>
        <translation>重跑原文的实验；并列打印原文数字和实测数字</translation>
    </message>
    <message>
        <source>write plots and data of chosen runs without opening a window</source>
        <translation>不打开窗口，写出所选运行的曲线图和数据</translation>
    </message>
    <message>
        <source>confusion matrix and per-class metrics of a run&apos;s model on its validation data</source>
        <translation>一次运行的模型在其验证数据上的混淆矩阵和各类别指标</translation>
    </message>
    <message>
        <source>write a run&apos;s model for use elsewhere (Keras, SavedModel, TFLite)</source>
        <translation>导出一次运行的模型供别处使用（Keras、SavedModel、TFLite）</translation>
    </message>
    <message>
        <source>serve a runs folder with TensorBoard on loopback</source>
        <translation>在本机回环地址上用 TensorBoard 展示训练记录文件夹</translation>
    </message>
    <message>
        <source>a grid of settings x seeds, each trial a run, summarised per setting</source>
        <translation>设置网格 × 种子，每个试验是一次运行，按设置汇总</translation>
    </message>
    <message>
        <source>run trials of an existing experiment (from this or another machine) until none is left</source>
        <translation>运行已有实验的试验（在本机或其他机器上），直到全部完成</translation>
    </message>
    <message>
        <source>Optuna storage: an SQLAlchemy URL or grpc://HOST:PORT (default: $WORKBENCH_STORAGE, else an SQLite file in the runs folder); a password in it is shown as ***</source>
        <translation>Optuna 存储：SQLAlchemy URL 或 grpc://HOST:PORT（默认：$WORKBENCH_STORAGE，否则为训练记录文件夹中的 SQLite 文件）；其中的密码显示为 ***</translation>
    </message>
    <message>
        <source>a trial whose worker has not been heard from for this long is failed and run again (any storage)</source>
        <translation>工作进程在这么长时间内没有音讯的试验会被标为失败并重新运行（任何存储都适用）</translation>
    </message>
    <message>
        <source>trial {trial} ({settings}) was not heard from for {seconds:.0f} s: failed and queued again</source>
        <translation>试验 {trial}（{settings}）已有 {seconds:.0f} 秒没有音讯：标为失败并重新排队</translation>
    </message>
    <message>
        <source>waiting for trial {trial} ({settings}) of another worker; heard from {seconds:.0f} s ago, taken over after {limit:.0f} s</source>
        <translation>正在等待另一个工作进程的试验 {trial}（{settings}）；上次音讯在 {seconds:.0f} 秒前，{limit:.0f} 秒无音讯后接手</translation>
    </message>
    <message>
        <source>the summary of an experiment</source>
        <translation>实验的汇总</translation>
    </message>
    <message>
        <source>LR range test: the loss as the learning rate grows from 1e-6 to 10; suggests a learning rate</source>
        <translation>学习率范围测试：学习率从 1e-6 增长到 10 时的损失；给出建议的学习率</translation>
    </message>
    <message>
        <source>open the main window</source>
        <translation>打开主窗口</translation>
    </message>
    <message>
        <source>add the app to the desktop menu (Linux); --uninstall removes it</source>
        <translation>把程序加入桌面菜单（Linux）；--uninstall 移除</translation>
    </message>
    <message>
        <source>training steps of the test (the learning rate grows exponentially over them)</source>
        <translation>测试的训练步数（学习率在这些步中按指数增长）</translation>
    </message>
    <message>
        <source>the run id</source>
        <translation>训练记录 ID</translation>
    </message>
    <message>
        <source>also write the confusion matrix as CSV</source>
        <translation>同时把混淆矩阵写成 CSV</translation>
    </message>
    <message>
        <source>keras: a .keras file; savedmodel: a SavedModel folder for serving; tflite: a TensorFlow Lite file</source>
        <translation>keras：一个 .keras 文件；savedmodel：用于部署的 SavedModel 文件夹；tflite：一个 TensorFlow Lite 文件</translation>
    </message>
    <message>
        <source>file or folder to write (default: named after the run, in the current folder)</source>
        <translation>要写出的文件或文件夹（默认：以训练记录命名，放在当前文件夹）</translation>
    </message>
    <message>
        <source>the run id (a folder of the runs folder)</source>
        <translation>训练记录 ID（训练记录文件夹中的一个子文件夹）</translation>
    </message>
    <message>
        <source>start from the weights after this finished epoch</source>
        <translation>从这一轮结束后的权重开始</translation>
    </message>
    <message>
        <source>the fork&apos;s {name} (default: the run&apos;s)</source>
        <translation>分叉运行的 {name}（默认：原运行的值）</translation>
    </message>
    <message>
        <source>first N training samples (0 = all)</source>
        <translation>只用前 N 个训练样本（0 = 全部）</translation>
    </message>
    <message>
        <source>first N validation samples (0 = all)</source>
        <translation>只用前 N 个验证样本（0 = 全部）</translation>
    </message>
    <message>
        <source>train each row with these seeds (0-2 or 0,3,7) and show mean ± std</source>
        <translation>每一行用这些种子训练（0-2 或 0,3,7），并显示均值 ± 标准差</translation>
    </message>
    <message>
        <source>run ids to export</source>
        <translation>要导出的训练记录 ID</translation>
    </message>
    <message>
        <source>folder to write into</source>
        <translation>写入的文件夹</translation>
    </message>
    <message>
        <source>comma list of png,svg,pdf,csv</source>
        <translation>逗号分隔的 png、svg、pdf、csv 列表</translation>
    </message>
    <message>
        <source>0..0.99, as the window&apos;s slider</source>
        <translation>0..0.99，与窗口中的滑块相同</translation>
    </message>
    <message>
        <source>logarithmic loss axis</source>
        <translation>对数损失轴</translation>
    </message>
    <message>
        <source>remove the menu entry and icon</source>
        <translation>移除菜单项和图标</translation>
    </message>
    <message>
        <source>folder to serve (default: the runs folder)</source>
        <translation>要展示的文件夹（默认：训练记录文件夹）</translation>
    </message>
    <message>
        <source>port on 127.0.0.1 (0 = a free one)</source>
        <translation>127.0.0.1 上的端口（0 = 任选一个空闲端口）</translation>
    </message>
    <message>
        <source>do not open a browser</source>
        <translation>不打开浏览器</translation>
    </message>
    <message>
        <source>a setting and its values, e.g. optimizer=sgd,adam (repeatable)</source>
        <translation>一个设置及其取值，例如 optimizer=sgd,adam（可重复）</translation>
    </message>
    <message>
        <source>seeds as 0-4 or 0,3,7</source>
        <translation>种子，如 0-4 或 0,3,7</translation>
    </message>
    <message>
        <source>worker processes on this machine</source>
        <translation>本机上的工作进程数</translation>
    </message>
    <message>
        <source>grid: every combination; random or tpe: --trials points sampled from ranges (SETTING=LOW:HIGH[:log]) and lists (auto: tpe with a range, else grid)</source>
        <translation>grid：每种组合；random 或 tpe：从范围（SETTING=LOW:HIGH[:log]）和列表中采样 --trials 个点（auto：有范围时用 tpe，否则用 grid）</translation>
    </message>
    <message>
        <source>settings a random or TPE search draws, each trained with every seed of --seeds</source>
        <translation>随机或 TPE 搜索抽取的设置组数，每组都用 --seeds 中的每个种子训练</translation>
    </message>
    <message>
        <source>the random or TPE sampler&apos;s seed: the same command proposes the same settings</source>
        <translation>随机或 TPE 采样器的种子：同样的命令会提出同样的设置</translation>
    </message>
    <message>
        <source>stop hopeless trials early: validation accuracy below the median of earlier trials&apos; at the same epoch (Optuna&apos;s median pruner)</source>
        <translation>剪枝，提前停掉没有希望的试验：验证准确率低于之前试验在同一轮的中位数（Optuna 的中位数剪枝器）</translation>
    </message>
    <message>
        <source>worker {i} of {n} ended with exit code {code}</source>
        <translation>工作进程 {i}/{n} 以退出码 {code} 结束</translation>
    </message>
    <message>
        <source>the experiment id</source>
        <translation>实验 ID</translation>
    </message>
    <message>
        <source>argument --workers: at least 1</source>
        <translation>参数 --workers：至少为 1</translation>
    </message>
    <message>
        <source>experiment {id}: {n} trials in {storage}</source>
        <translation>实验 {id}：{n} 个试验，存储于 {storage}</translation>
    </message>
    <message>
        <source>trial {settings} seed {seed}: {status}, val accuracy {accuracy} (run {run})</source>
        <translation>试验 {settings} 种子 {seed}：{status}，验证准确率 {accuracy}（训练记录 {run}）</translation>
    </message>
    <message>
        <source>the difference of validation accuracy, in percentage points, that the seeds needed are for (80% power, alpha 0.05; default 0.5)</source>
        <translation>计算所需种子数时要检测的验证准确率差异，单位为百分点（检验功效 80%，alpha 0.05；默认 0.5）</translation>
    </message>
    <message>
        <source>two settings by their labels (as in the table): B − A per epoch and the first epoch from which they differ (default: the two settings of an experiment that has two)</source>
        <translation>按标签（同表中所示）指定两个设置：逐轮给出 B − A，以及从哪一轮起两者不同（默认：只有两个设置的实验中的这两个设置）</translation>
    </message>
    <message>
        <source>the metric of --compare (default val_accuracy)</source>
        <translation>--compare 使用的指标（默认 val_accuracy）</translation>
    </message>
    <message>
        <source>then open the experiment in optuna-dashboard on 127.0.0.1 until Ctrl-C (an optional extra)</source>
        <translation>然后在 127.0.0.1 上用 optuna-dashboard 打开此实验，直到按下 Ctrl-C（可选附加组件）</translation>
    </message>
    <message>
        <source>with --dashboard: do not open a browser</source>
        <translation>与 --dashboard 一起使用：不打开浏览器</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>val accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>best val accuracy</source>
        <translation>最佳验证准确率</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>s/trial</source>
        <translation>秒/试验</translation>
    </message>
    <message>
        <source>seeds for {points} pts</source>
        <translation>{points} 个百分点所需种子数</translation>
    </message>
    <message>
        <source>experiment {id}: {done} of {total} trials completed</source>
        <translation>实验 {id}：{total} 个试验中已完成 {done} 个</translation>
    </message>
    <message>
        <source>which setting mattered ({evaluator}, {n} trials): {shares}</source>
        <translation>哪个设置最重要（{evaluator}，{n} 次试验）：{shares}</translation>
    </message>
    <message>
        <source>{b} − {a}: each needs at least two finished seeds per epoch</source>
        <translation>{b} − {a}：每组每轮至少需要两个已完成的种子</translation>
    </message>
    <message>
        <source>{b} − {a} ({metric}): not apart at the last epoch (p = {p:.3f} after Holm)</source>
        <translation>{b} − {a}（{metric}）：最后一轮两者没有显著差异（Holm 校正后 p = {p:.3f}）</translation>
    </message>
    <message>
        <source>{leader} leads in {metric} from epoch {epoch} on (p ≤ {p:.3g} after Holm at every epoch since; Hedges&apos; g {g} at epoch {epoch})</source>
        <translation>{leader} 从第 {epoch} 轮起在 {metric} 上领先（Holm 校正后此后每一轮 p ≤ {p:.3g}；第 {epoch} 轮的 Hedges&apos; g 为 {g}）</translation>
    </message>
    <message>
        <source>optuna-dashboard at {url} (Ctrl-C stops it)</source>
        <translation>optuna-dashboard 地址：{url}（按 Ctrl-C 停止）</translation>
    </message>
    <message>
        <source>steepest</source>
        <translation>下降最快</translation>
    </message>
    <message>
        <source>valley</source>
        <translation>谷值</translation>
    </message>
    <message>
        <source>minimum ÷ 10</source>
        <translation>最低点 ÷ 10</translation>
    </message>
    <message>
        <source>the loss surface around a run (or two runs from one start) and their paths; sharpness</source>
        <translation>一次运行（或从同一起点出发的两次运行）周围的损失曲面及其路径；锐度</translation>
    </message>
    <message>
        <source>the run id; twice for two runs from the same start weights</source>
        <translation>训练记录 ID；给两次则为从同一组初始权重出发的两次运行</translation>
    </message>
    <message>
        <source>line: start to end weights and beyond; plane: a surface with the paths on it</source>
        <translation>line：从初始权重到最终权重并向外延伸；plane：画有路径的曲面</translation>
    </message>
    <message>
        <source>points along each axis</source>
        <translation>每个坐标轴上的点数</translation>
    </message>
    <message>
        <source>how far the plane reaches: ± S along random directions; around a path, S quarter-widths of margin</source>
        <translation>平面的范围：沿随机方向为 ± S；围绕路径时，留出 S 个四分之一宽度的边距</translation>
    </message>
    <message>
        <source>validation samples of the fixed probe set</source>
        <translation>固定探测集中的验证样本数</translation>
    </message>
    <message>
        <source>a plane of one run: the PCA plane of its path, or two seeded filter-normalised random directions</source>
        <translation>单次运行的平面：其路径的 PCA 平面，或两个由种子确定、按滤波器归一化的随机方向</translation>
    </message>
    <message>
        <source>also write the grid as a NumPy .npz file</source>
        <translation>同时把网格写成 NumPy .npz 文件</translation>
    </message>
    <message>
        <source>also write the grid as CSV (x, y, loss, accuracy)</source>
        <translation>同时把网格写成 CSV（x, y, loss, accuracy）</translation>
    </message>
    <message>
        <source>argument --grid: {value} is out of range; allowed 3 to 201</source>
        <translation>参数 --grid：{value} 超出范围；允许 3 到 201</translation>
    </message>
    <message>
        <source>argument --samples: {value} is out of range; allowed 1 to 100000</source>
        <translation>参数 --samples：{value} 超出范围；允许 1 到 100000</translation>
    </message>
    <message>
        <source>argument --span: {value} is out of range; allowed above 0</source>
        <translation>参数 --span：{value} 超出范围；须大于 0</translation>
    </message>
    <message>
        <source>argument --run: a line takes one run, a plane one or two</source>
        <translation>参数 --run：line 只接受一次运行，plane 接受一次或两次</translation>
    </message>
    <message>
        <source>row {i} of {n}</source>
        <translation>第 {i} 行，共 {n} 行</translation>
    </message>
    <message>
        <source>{kind} of {runs} on {n} probe samples: loss from {low:.4g} to {high:.4g}</source>
        <translation>{runs} 的 {kind}（{n} 个探测样本）：损失从 {low:.4g} 到 {high:.4g}</translation>
    </message>
    <message>
        <source>sharpness of {run}: top Hessian eigenvalue {value:.4g}</source>
        <translation>{run} 的锐度：Hessian 最大特征值 {value:.4g}</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>1 logical CPU ({cores} cores); </source>
        <translation>1 个逻辑 CPU（{cores} 核）；</translation>
    </message>
    <message>
        <source>{cpus} logical CPUs ({cores} cores); </source>
        <translation>{cpus} 个逻辑 CPU（{cores} 核）；</translation>
    </message>
    <message>
        <source>no GPU</source>
        <translation>没有 GPU</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>one device ({where})</source>
        <translation>单设备（{where}）</translation>
    </message>
    <message>
        <source>MultiWorkerMirroredStrategy over the TF_CONFIG cluster</source>
        <translation>在 TF_CONFIG 集群上的 MultiWorkerMirroredStrategy</translation>
    </message>
    <message>
        <source>MirroredStrategy over {n} GPU(s)</source>
        <translation>在 {n} 个 GPU 上的 MirroredStrategy</translation>
    </message>
    <message>
        <source>MirroredStrategy over {n} logical CPU devices (XLA off)</source>
        <translation>在 {n} 个逻辑 CPU 设备上的 MirroredStrategy（关闭 XLA）</translation>
    </message>
</context>
<context>
    <name>diagnosis</name>
    <message>
        <source>CategoricalAccuracy fed integer labels and argmax outputs</source>
        <translation>输入了整数标签和 argmax 输出的 CategoricalAccuracy</translation>
    </message>
    <message>
        <source>explain runs in one process and does not join the TF_CONFIG cluster</source>
        <translation>explain 在单个进程中运行，不加入 TF_CONFIG 集群</translation>
    </message>
    <message>
        <source>The model ends in a softmax and crossentropy takes logits, but Keras 3 takes the logits under its softmax (and warns): on this batch the loss and gradients equal those of the logits, so training is not hurt. The saved model still outputs probabilities; a softmax written by hand would be applied twice.</source>
        <translation>模型以 softmax 结尾，而 crossentropy 接收 logits；不过 Keras 3 会取出它的 softmax 之前的 logits（并给出警告）：在这一批上，损失和梯度与直接使用 logits 时相同，因此训练不受影响。保存的模型仍然输出概率；若 softmax 是手写的，就会被应用两次。</translation>
    </message>
    <message>
        <source>The model ends in a softmax (on the first batch every output row sums to 1), but crossentropy takes logits and applies its own softmax: the softmax is applied twice. On this batch its gradients are {ratio}x those of the cross-entropy of the probabilities themselves (loss {as_logits} against {as_probabilities}), like a {times}x smaller learning rate, and the loss cannot fall far. Fix: end the model with Dense(classes) and no activation.</source>
        <translation>模型以 softmax 结尾（第一批上每一行输出之和都为 1），而 crossentropy 接收 logits 并自己再做一次 softmax：softmax 被应用了两次。在这一批上，它的梯度是直接对这些概率求交叉熵时的 {ratio}x（损失 {as_logits}，对比 {as_probabilities}），相当于学习率小了 {times}x，损失也降不了多少。修正：让模型以 Dense(classes) 结尾，不加激活函数。</translation>
    </message>
    <message>
        <source>keras_mse: Keras&apos;s &quot;mse&quot; averages over the {outputs} outputs, so the loss is {scale}x the article&apos;s sum_mse and one {optimizer} step is {effective}x as large - like lr {lr_now} instead of {lr}. Use lr {lr_fix} or loss sum_mse to train like the article&apos;s tape loop.</source>
        <translation>keras_mse：Keras 的 &quot;mse&quot; 对 {outputs} 个输出再取了一次平均，所以损失只有原文 sum_mse 的 {scale} 倍，一步 {optimizer} 的步长也只有 {effective} 倍——相当于学习率从 {lr} 变成了 {lr_now}。把学习率调到 {lr_fix}，或改用 sum_mse 损失，就能和原文的 tape 循环训练得一样。</translation>
    </message>
    <message>
        <source>categorical_on_sparse: CategoricalAccuracy is fed integer labels and argmax outputs, so it compares two label vectors as if they were probability vectors and counts one sample per batch; the accuracy is wrong (on this batch it reports {reported} where the model is really at {true}).</source>
        <translation>categorical_on_sparse：CategoricalAccuracy 被输入了整数标签和 argmax 后的输出，于是它把两个标签向量当作概率向量来比较，每个批次只算一个样本；准确率是错的（在这个批次上它报告 {reported}，而模型实际是 {true}）。</translation>
    </message>
    <message>
        <source>{metric}: the accuracy reported here ({reported}) differs from the true accuracy ({true}).</source>
        <translation>{metric}：这里报告的准确率（{reported}）和真实准确率（{true}）不同。</translation>
    </message>
    <message>
        <source>loss_report returned: test_step returns its own loss in the logs, but Keras builds the logs from its metric trackers, and the compiled loss tracker that nothing updated replaces it: the validation loss reads {reported} where the model&apos;s true mean loss is {true}. (A value returned from test_step would be one batch&apos;s anyway, not the mean over batches.) The article&apos;s fix: keep the loss in compile and let test_step update it (loss_report tracked).</source>
        <translation>loss_report returned：test_step 在返回的日志里放了自己算的损失，但 Keras 是用指标跟踪器来生成日志的，于是这个值被 compile 里那个从没更新过的损失跟踪器替换掉了：验证损失显示为 {reported}，而模型真实的平均损失是 {true}。（就算不被替换，test_step 返回的也只是一个批次的值，而不是所有批次的平均。）原文的修正办法：把损失留在 compile 里，让 test_step 去更新它（loss_report tracked）。</translation>
    </message>
    <message>
        <source>{strategy}: not measured here ({reason}). Under N replicas a loss divided by the per-replica batch makes every step N times too large; the workbench divides by the global batch (tf.nn.compute_average_loss).</source>
        <translation>{strategy}：这里没有测量（{reason}）。在 N 个副本下，如果损失除以每个副本的批大小，每一步都会大 N 倍；工作台除以的是全局批大小（tf.nn.compute_average_loss）。</translation>
    </message>
    <message>
        <source>{strategy} with {n} replicas: each replica sees {per_replica} of the {batch} images. A loss divided by the per-replica batch (reduce_sum(...) / batch inside strategy.run) gives gradients {naive}x as large once the strategy sums them - like lr {lr_now} instead of {lr}. The workbench divides by the global batch (tf.nn.compute_average_loss): {right}x.</source>
        <translation>{strategy}，{n} 个副本：每个副本看到 {batch} 张图像中的 {per_replica} 张。如果损失除以每个副本的批大小（在 strategy.run 里 reduce_sum(...) / batch），策略把梯度相加后会大 {naive} 倍——相当于学习率从 {lr} 变成了 {lr_now}。工作台除以全局批大小（tf.nn.compute_average_loss）：{right} 倍。</translation>
    </message>
    <message>
        <source>On the first batch of {batch} images, the {loss} loss is {scale}x the article&apos;s sum-of-squares loss, and one {optimizer} step from the same weights is {effective}x as large as with that loss.</source>
        <translation>在第一个批次的 {batch} 张图像上，{loss} 损失是原文平方和损失的 {scale} 倍；从相同的权重出发，一步 {optimizer} 的步长是用那个损失时的 {effective} 倍。</translation>
    </message>
    <message>
        <source>Per layer, that step moves the weights by {layers} of their size (update/weight ratio).</source>
        <translation>按层看，这一步让权重移动了其大小的 {layers}（更新/权重比）。</translation>
    </message>
    <message>
        <source>{optimizer} divides the step by the gradient&apos;s size, so the loss scale hardly changes how it trains.</source>
        <translation>{optimizer} 会把步长除以梯度的大小，所以损失的量级几乎不影响它的训练。</translation>
    </message>
    <message>
        <source>The {method} method feeds one-hot labels, so the metric &apos;{metric}&apos; becomes {resolved}, which reports a wrong number.</source>
        <translation>{method} 方法输入的是 one-hot 标签，所以指标 &apos;{metric}&apos; 变成了 {resolved}，报告的数字是错的。</translation>
    </message>
    <message>
        <source>The {method} method feeds integer labels, so the metric &apos;{metric}&apos; becomes {resolved}, which reports a wrong number.</source>
        <translation>{method} 方法输入的是整数标签，所以指标 &apos;{metric}&apos; 变成了 {resolved}，报告的数字是错的。</translation>
    </message>
    <message>
        <source>The {method} method feeds one-hot labels, so the metric &apos;{metric}&apos; becomes {resolved} and reports the true accuracy.</source>
        <translation>{method} 方法输入的是 one-hot 标签，所以指标 &apos;{metric}&apos; 变成了 {resolved}，报告的是真实准确率。</translation>
    </message>
    <message>
        <source>The {method} method feeds integer labels, so the metric &apos;{metric}&apos; becomes {resolved} and reports the true accuracy.</source>
        <translation>{method} 方法输入的是整数标签，所以指标 &apos;{metric}&apos; 变成了 {resolved}，报告的是真实准确率。</translation>
    </message>
    <message>
        <source>at the first step</source>
        <translation>第一步</translation>
    </message>
    <message>
        <source>per step</source>
        <translation>每步</translation>
    </message>
    <message>
        <source>{layer}: updates are {ratio:.1e} of its weights {when}, {factor}× below the usual 1e-3</source>
        <translation>{layer}：{when}的更新量为其权重的 {ratio:.1e}，比常见的 1e-3 低 {factor} 倍</translation>
    </message>
    <message>
        <source>the loss is Keras&apos;s &quot;mse&quot;, which averages over the {n} outputs: its gradients, and so SGD&apos;s steps, are {n}× smaller than with the article&apos;s sum</source>
        <translation>损失是 Keras 的 &quot;mse&quot;，它在 {n} 个输出上取平均：其梯度以及 SGD 的步长都只有原文求和损失的 1/{n}</translation>
    </message>
    <message>
        <source>a learning rate of about {lr:.2g} would bring it to 1e-3 (an update scales with the learning rate, now {now:g})</source>
        <translation>学习率约为 {lr:.2g} 时可使其达到 1e-3（更新量与学习率成正比，当前为 {now:g}）</translation>
    </message>
    <message>
        <source>{layer}: updates are {ratio:.1e} of its weights {when}, {factor}× above the usual 1e-3</source>
        <translation>{layer}：{when}的更新量为其权重的 {ratio:.1e}，比常见的 1e-3 高 {factor} 倍</translation>
    </message>
    <message>
        <source> — the step is too large, expect divergence</source>
        <translation>——步长过大，预计会发散</translation>
    </message>
    <message>
        <source> — a large step: if the loss is noisy or climbs, lower the learning rate</source>
        <translation>——步长较大：如果损失波动或上升，请降低学习率</translation>
    </message>
    <message>
        <source>; about {lr:.2g} would bring it to 1e-3</source>
        <translation>；学习率约为 {lr:.2g} 时可使其达到 1e-3</translation>
    </message>
    <message>
        <source>{layer}: {pct:.0f}% of its units never fire on the probe images (dead ReLU) since epoch {epoch}: no gradient reaches their weights; a lower learning rate, or a leaky ReLU, keeps units alive</source>
        <translation>{layer}：自第 {epoch} 轮起，其 {pct:.0f}% 的单元在探测图像上从不激活（死亡 ReLU）：梯度到不了这些单元的权重；降低学习率或改用 leaky ReLU 可让单元保持活跃</translation>
    </message>
    <message>
        <source>No instruments in this run: set Instruments to every N steps to measure its layers.</source>
        <translation>这条训练记录没有逐层监测数据：将“逐层监测”设为每 N 步后再训练，即可测量各层。</translation>
    </message>
    <message>
        <source>Every layer&apos;s updates are within the usual band around 1e-3 of its weights per step, and no layer has half its units dead.</source>
        <translation>每一层每步的更新量都在权重的 1e-3 附近的常见范围内，也没有哪一层有一半单元死亡。</translation>
    </message>
</context>
<context>
    <name>experiment</name>
    <message>
        <source>--set: unknown setting {name!r}; allowed: {allowed}</source>
        <extracomment>settings an experiment cannot vary: the seed has its own list, the name is made per trial</extracomment>
        <translation>--set：未知设置 {name!r}；可用：{allowed}</translation>
    </message>
    <message>
        <source>--set {text}: write SETTING=V1,V2</source>
        <translation>--set {text}：请写成 SETTING=V1,V2</translation>
    </message>
    <message>
        <source>--set {name}: a value is listed twice</source>
        <translation>--set {name}：有一个值列出了两次</translation>
    </message>
    <message>
        <source>--set {name}={text}: a range is LOW:HIGH or LOW:HIGH:log, for a number setting</source>
        <translation>--set {name}={text}：范围写作 LOW:HIGH 或 LOW:HIGH:log，只用于数值设置</translation>
    </message>
    <message>
        <source>--set {name}={text}: LOW must be below HIGH (and above 0 for log)</source>
        <translation>--set {name}={text}：LOW 必须小于 HIGH（使用 log 时还必须大于 0）</translation>
    </message>
    <message>
        <source>--seeds {spec}: give seeds as 0-4 or 0,3,7 (each 0 to {high}, none twice)</source>
        <translation>--seeds {spec}：种子写成 0-4 或 0,3,7（每个 0 到 {high}，不可重复）</translation>
    </message>
    <message>
        <source>the combination {point} is not allowed: {reason}</source>
        <translation>组合 {point} 不被允许：{reason}</translation>
    </message>
    <message>
        <source>--set {name} is given twice</source>
        <translation>--set {name} 给出了两次</translation>
    </message>
    <message>
        <source>--sampler {value}: allowed {allowed}</source>
        <translation>--sampler {value}：允许的值为 {allowed}</translation>
    </message>
    <message>
        <source>--set {name}: a range needs --sampler random or tpe (a grid lists values: V1,V2)</source>
        <translation>--set {name}：范围需要 --sampler random 或 tpe（网格要列出取值：V1,V2）</translation>
    </message>
    <message>
        <source>--trials: a {sampler} search needs the number of trials (1 or more)</source>
        <translation>--trials：{sampler} 搜索需要试验次数（1 或更多）</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>Select one or more runs in the table to export them.</source>
        <translation>在表格中选择一条或多条训练记录来导出。</translation>
    </message>
    <message>
        <source>Export plots and data to…</source>
        <translation>把曲线图和数据导出到…</translation>
    </message>
    <message>
        <source>Export failed: {problem}</source>
        <translation>导出失败：{problem}</translation>
    </message>
    <message>
        <source>Exported {n} files to {path}</source>
        <translation>已导出 {n} 个文件到 {path}</translation>
    </message>
</context>
<context>
    <name>findings</name>
    <message>
        <source>finding 1: Keras&apos;s &quot;mse&quot; scales the loss</source>
        <extracomment>true_history.csv, only in runs whose logged values are known to be wrong (`wrong_reports`): what the model really scored on the validation data at the end of each epoch. The article&apos;s three findings (what `wrong_reports`, explain and reproduce number them by).</extracomment>
        <translation>发现一：Keras 的 &quot;mse&quot; 改变了损失的量级</translation>
    </message>
    <message>
        <source>finding 2: &quot;accuracy&quot; resolves to another class</source>
        <translation>发现二：&quot;accuracy&quot; 被解析成了别的准确率类</translation>
    </message>
    <message>
        <source>finding 3: a loss returned by test_step</source>
        <translation>发现三：test_step 返回的损失</translation>
    </message>
    <message>
        <source>pitfall 4: a softmax before a loss that takes logits</source>
        <translation>陷阱 4：接收 logits 的损失之前有 softmax</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Epoch {epoch}/{epochs}</source>
        <translation>第 {epoch}/{epochs} 轮</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>{n} leaves no epoch to decay; allowed 0 to {most}</source>
        <extracomment>The learning rate each optimizer is usually run with (the article&apos;s values). Every setting of one run: enough to run it again. Fields: the schema&apos;s settings, then `extra` (keys of a newer version&apos;s config.json, kept).</extracomment>
        <translation>{n} 没有留下可衰减的轮数；允许 0 到 {most}</translation>
    </message>
    <message>
        <source>{value} is not true or false</source>
        <translation>{value} 不是 true 或 false</translation>
    </message>
    <message>
        <source>give at least one value</source>
        <translation>至少给出一个值</translation>
    </message>
    <message>
        <source>{value} is not a whole number</source>
        <translation>{value} 不是整数</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <source>{value} is out of range; allowed {low} to {high}</source>
        <translation>{value} 超出范围；允许 {low} 到 {high}</translation>
    </message>
    <message>
        <source>{value} is not one of {allowed}</source>
        <translation>{value} 不是 {allowed} 之一</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be a text</source>
        <translation>必须是文本</translation>
    </message>
    <message>
        <source>a text of at most {n} characters</source>
        <translation>最多 {n} 个字符的文本</translation>
    </message>
    <message>
        <source>{value}: write FILE.py:FUNCTION, the function that builds the model</source>
        <translation>{value}：请写成 FILE.py:FUNCTION，即构建模型的函数</translation>
    </message>
    <message>
        <source>{value} is not a model: give mlp, cnn, FILE.py:FUNCTION or FILE.keras</source>
        <translation>{value} 不是模型：请给出 mlp、cnn、FILE.py:FUNCTION 或 FILE.keras</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <source>{path} is Python code this machine did not write: read it, then give --trust-model-code to run it</source>
        <translation>{path} 是并非由本机写入的 Python 代码：请先阅读，再用 --trust-model-code 运行它</translation>
    </message>
    <message>
        <source>give &apos;mnist&apos;, the path of an .npz or .csv file, or a folder of images</source>
        <translation>请给出 &apos;mnist&apos;、一个 .npz 或 .csv 文件路径，或一个图像文件夹</translation>
    </message>
    <message>
        <source>{value} is neither &apos;mnist&apos;, a path ending in .npz or .csv, nor a folder</source>
        <translation>{value} 既不是 &apos;mnist&apos;，也不是以 .npz 或 .csv 结尾的路径或文件夹</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>被中断</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>early-stopped</source>
        <translation>已提前停止</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>tensorboard</name>
    <message>
        <source>{name} could not be started: {problem}</source>
        <translation>无法启动 {name}：{problem}</translation>
    </message>
    <message>
        <source>{name} was stopped while it started</source>
        <translation>{name} 在启动过程中被停止</translation>
    </message>
    <message>
        <source>{name} exited at start: {output}</source>
        <translation>{name} 启动时退出：{output}</translation>
    </message>
    <message>
        <source>{name} did not answer within {seconds} s: {output}</source>
        <translation>{name} 在 {seconds} 秒内没有响应：{output}</translation>
    </message>
</context>
</TS>
