<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>DecisionBadge</name>
    <message>
        <source>review</source>
        <translation>검토</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>미지</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;unlike every class it was trained on (unknown score %2)&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;학습한 어떤 클래스와도 다름 (미지 점수 %2)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;not sure enough: a person should look (calibrated %2)&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;확신이 부족함: 사람이 확인해야 함 (보정값 %2)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;outside the image sizes it was trained on: %2&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:%1&apos;&gt;학습한 이미지 크기 범위를 벗어남: %2&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>relabel %1 as %2</source>
        <translation>%1을(를) %2(으)로 다시 라벨링</translation>
    </message>
    <message>
        <source>relabel %1 images as %2</source>
        <translation>이미지 %1장을 %2(으)로 다시 라벨링</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>예측 클래스</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>실제 클래스</translation>
    </message>
    <message>
        <source>false positive rate</source>
        <translation>위양성률</translation>
    </message>
    <message>
        <source>true positive rate</source>
        <translation>진양성률</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>cross-entropy loss</source>
        <translation>교차 엔트로피 손실</translation>
    </message>
    <message>
        <source>accuracy / macro F1</source>
        <translation>정확도 / 매크로 F1</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>학습 정확도</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <source>validation macro F1</source>
        <translation>검증 매크로 F1</translation>
    </message>
    <message>
        <source> best: epoch %1, F1 %2 </source>
        <translation> 최고: 에포크 %1, F1 %2 </translation>
    </message>
    <message>
        <source>SDD Workbench evaluation report</source>
        <translation>SDD Workbench 평가 보고서</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>%1쪽</translation>
    </message>
    <message>
        <source>label %1 · predicted %1</source>
        <translation>라벨 %1 · 예측 %1</translation>
    </message>
    <message>
        <source>label %1 · predicted %2 (wrong)</source>
        <translation>라벨 %1 · 예측 %2 (오답)</translation>
    </message>
    <message>
        <source>Steel surface defect detection — evaluation report</source>
        <translation>강판 표면 결함 검출 — 평가 보고서</translation>
    </message>
    <message>
        <source>SDD Workbench %1 · %2 · model %3 on %4</source>
        <translation>SDD Workbench %1 · %2 · %4의 모델 %3</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>측정 항목</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Images evaluated (%1 split)</source>
        <translation>평가한 이미지 (%1 분할)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>매크로 F1</translation>
    </message>
    <message>
        <source>Macro AUC</source>
        <translation>매크로 AUC</translation>
    </message>
    <message>
        <source>Lowest class AUC</source>
        <translation>최저 클래스 AUC</translation>
    </message>
    <message>
        <source>Median time per image, file read to decision</source>
        <translation>이미지당 시간 중앙값, 파일 읽기부터 판정까지</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>1. Dataset</source>
        <translation>1. 데이터셋</translation>
    </message>
    <message>
        <source>Folder: %1
Layout: %2 · %3 classes · %4 images (%5 train, %6 validation; %7) · %8 files skipped while scanning · %9 duplicate groups.</source>
        <translation>폴더: %1
구조: %2 · 클래스 %3개 · 이미지 %4장 (학습 %5, 검증 %6; %7) · 스캔 중 건너뛴 파일 %8개 · 중복 그룹 %9개.</translation>
    </message>
    <message>
        <source>the dataset&apos;s own split</source>
        <translation>데이터셋 자체 분할</translation>
    </message>
    <message>
        <source>seeded stratified split</source>
        <translation>시드 고정 층화 분할</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Relabels: %1 images carry a label different from their folder&apos;s; %2 journal entries since %3.</source>
        <translation>재라벨: 이미지 %1장이 폴더와 다른 라벨을 가집니다; %3 이후 기록 항목 %2건.</translation>
    </message>
    <message>
        <source>the workspace was created (no earlier report)</source>
        <translation>작업 공간 생성 (이전 보고서 없음)</translation>
    </message>
    <message>
        <source>the last report (%1)</source>
        <translation>마지막 보고서(%1)</translation>
    </message>
    <message>
        <source>2. Model</source>
        <translation>2. 모델</translation>
    </message>
    <message>
        <source>conv %1×%1 + ReLU%2 + max-pool 2×2</source>
        <translation>합성곱 %1×%1 + ReLU%2 + 최대 풀링 2×2</translation>
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
        <translation>평탄화</translation>
    </message>
    <message>
        <source>global average pool</source>
        <translation>전역 평균 풀링</translation>
    </message>
    <message>
        <source>FC + SoftMax</source>
        <translation>FC + SoftMax</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Weights (incl. bias)</source>
        <translation>가중치 (편향 포함)</translation>
    </message>
    <message>
        <source>%1 · %2 weight layers · %3 weights in total (incl. BatchNorm) · %4 multiply-accumulates per image · file %5 (created %6).</source>
        <translation>%1 · 가중치 층 %2개 · 전체 가중치 %3개 (BatchNorm 포함) · 이미지당 곱셈-누산 %4회 · 파일 %5 (생성 %6).</translation>
    </message>
    <message>
        <source>3. Training</source>
        <translation>3. 학습</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>설정: %1</translation>
    </message>
    <message>
        <source>The model file records no training settings.</source>
        <translation>모델 파일에 학습 설정이 기록되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>%1 epochs, %2 s of training; best validation macro F1 %3 at epoch %4; last epoch: validation accuracy %5, macro F1 %6. Log: %7</source>
        <translation>%1 에포크, 학습 %2초; 최고 검증 매크로 F1 %3 (에포크 %4); 마지막 에포크: 검증 정확도 %5, 매크로 F1 %6. 로그: %7</translation>
    </message>
    <message>
        <source>No training log (log.jsonl) next to the model file, so no curves are shown.</source>
        <translation>모델 파일 옆에 학습 로그(log.jsonl)가 없어 곡선을 표시하지 않습니다.</translation>
    </message>
    <message>
        <source>4. Evaluation on the %1 split (%2 images)</source>
        <translation>4. %1 분할 평가 (이미지 %2장)</translation>
    </message>
    <message>
        <source>Accuracy %1 · macro precision %2 · macro recall %3 · macro F1 %4 · macro AUC %5 · mean cross-entropy %6. Labels are the current labels (relabels included). %7 images could not be classified.</source>
        <translation>정확도 %1 · 매크로 정밀도 %2 · 매크로 재현율 %3 · 매크로 F1 %4 · 매크로 AUC %5 · 평균 교차 엔트로피 %6. 라벨은 현재 라벨입니다(재라벨 포함). 분류할 수 없었던 이미지 %7장.</translation>
    </message>
    <message>
        <source>Confusion matrix (Fig. 6): rows are true classes, columns predicted classes; each cell gives the image count and the share of its row.</source>
        <translation>혼동 행렬 (그림 6): 행은 실제 클래스, 열은 예측 클래스이며, 각 셀은 이미지 수와 그 행에서의 비율을 나타냅니다.</translation>
    </message>
    <message>
        <source>macro average</source>
        <translation>매크로 평균</translation>
    </message>
    <message>
        <source>Table IV: precision, recall and F1 per class</source>
        <translation>표 IV: 클래스별 정밀도, 재현율, F1</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>정밀도</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>재현율</translation>
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
        <translation>표본 수</translation>
    </message>
    <message>
        <source>ROC curves, one class against the rest (Fig. 7)</source>
        <translation>ROC 곡선, 클래스별 일대다 (그림 7)</translation>
    </message>
    <message>
        <source>5. Model comparison (Table V)</source>
        <translation>5. 모델 비교 (표 V)</translation>
    </message>
    <message>
        <source>%1 (reported by the paper)</source>
        <translation>%1 (논문 보고값)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>층 수</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>Min AUC</source>
        <translation>최소 AUC</translation>
    </message>
    <message>
        <source>ms/img</source>
        <translation>ms/장</translation>
    </message>
    <message>
        <source>Our rows are measured here, on the %1 split of this dataset, on %2. The grey rows are the paper&apos;s own reported figures on NEU (not measured here; the paper gives no AUC or MACs).</source>
        <translation>우리 행은 이 데이터셋의 %1 분할에서 %2로 여기서 측정한 값입니다. 회색 행은 논문이 NEU에서 보고한 값입니다 (여기서 측정하지 않음; 논문에는 AUC와 MAC이 없음).</translation>
    </message>
    <message>
        <source>6. Inference time and line speed</source>
        <translation>6. 추론 시간과 라인 속도</translation>
    </message>
    <message>
        <source>Measured as the paper does: each image read from its file, decoded, preprocessed and classified on its own (batch 1), from reading the file to the decision, on %1 over %2 images.
median %3 ms · 95th percentile %4 ms · mean %5 ms per image.
With a field of view of %6 m along the strip, the mean time allows a line speed of %7 m/s (paper: 3.5 ms/image on an RTX 3090, 143.57 m/s at 0.5 m).</source>
        <translation>논문과 같은 방식으로 측정: 각 이미지를 파일에서 읽고 디코딩·전처리·분류를 한 장씩(배치 1) 수행하며, 파일 읽기부터 판정까지 %1에서 이미지 %2장으로 측정했습니다.
중앙값 %3 ms · 95번째 백분위수 %4 ms · 평균 이미지당 %5 ms.
띠강 방향 시야 %6 m에서 평균 시간으로 가능한 라인 속도는 %7 m/s입니다 (논문: RTX 3090에서 이미지당 3.5 ms, 0.5 m에서 143.57 m/s).</translation>
    </message>
    <message>
        <source>7. Examples (Fig. 8): SoftMax outputs per image</source>
        <translation>7. 예시 (그림 8): 이미지별 SoftMax 출력</translation>
    </message>
    <message>
        <source>One correctly classified image per class (the most confident), then %1 of the %2 misclassified images (red frame).</source>
        <translation>클래스마다 올바르게 분류된 이미지 한 장(가장 확신이 높은 것), 그다음 잘못 분류된 이미지 %2장 중 %1장 (빨간 테두리).</translation>
    </message>
    <message>
        <source>8. Reproducibility</source>
        <translation>8. 재현성</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Dataset fingerprint (FNV-1a 64: paths, contents, labels, split)</source>
        <translation>데이터셋 지문 (FNV-1a 64: 경로, 내용, 라벨, 분할)</translation>
    </message>
    <message>
        <source>Model file fingerprint (FNV-1a 64)</source>
        <translation>모델 파일 지문 (FNV-1a 64)</translation>
    </message>
    <message>
        <source>Training seed</source>
        <translation>학습 시드</translation>
    </message>
    <message>
        <source>Program version</source>
        <translation>프로그램 버전</translation>
    </message>
    <message>
        <source>Report date (UTC)</source>
        <translation>보고서 날짜 (UTC)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>To reproduce this report (add --out FILE.pdf): %1</source>
        <translation>이 보고서를 재현하려면 (--out FILE.pdf 추가): %1</translation>
    </message>
    <message>
        <source>Not compared: %1.</source>
        <translation>비교하지 않음: %1.</translation>
    </message>
    <message>
        <source>Classes of these images</source>
        <translation>이 이미지의 클래스</translation>
    </message>
    <message>
        <source>%1

Type the classes, separated by commas (e.g. crazing, patches, scratches). They are kept in the workspace.%2</source>
        <translation>%1

클래스를 쉼표로 구분해 입력하세요 (예: crazing, patches, scratches). 작업 공간에 저장됩니다.%2</translation>
    </message>
    <message>
        <source>labels given (training images)</source>
        <translation>부여한 라벨 수 (학습 이미지)</translation>
    </message>
    <message>
        <source>%1 (mean of %2 seeds)</source>
        <translation>%1 (시드 %2개 평균)</translation>
    </message>
    <message>
        <source>all labels (median %1)</source>
        <translation>전체 라벨 (중앙값 %1)</translation>
    </message>
    <message>
        <source>0.01 below all labels</source>
        <translation>전체 라벨보다 0.01 낮음</translation>
    </message>
    <message>
        <source>perfectly calibrated</source>
        <translation>완벽한 보정</translation>
    </message>
    <message>
        <source>as trained</source>
        <translation>학습된 그대로</translation>
    </message>
    <message>
        <source>at temperature %1</source>
        <translation>온도 %1에서</translation>
    </message>
    <message>
        <source>top probability (bin mean)</source>
        <translation>최고 확률 (구간 평균)</translation>
    </message>
    <message>
        <source>share classified right</source>
        <translation>올바르게 분류된 비율</translation>
    </message>
    <message>
        <source>errors among accepted</source>
        <translation>수락된 이미지 중 오류</translation>
    </message>
    <message>
        <source>target %1 %</source>
        <translation>목표 %1 %</translation>
    </message>
    <message>
        <source>operating point: %1 % accepted above %2</source>
        <translation>운영점: %2 이상에서 %1 % 수락</translation>
    </message>
    <message>
        <source>share accepted automatically (%)</source>
        <translation>자동 수락 비율 (%)</translation>
    </message>
    <message>
        <source>error rate among accepted (%)</source>
        <translation>수락된 이미지 중 오류율 (%)</translation>
    </message>
    <message>
        <source>ECE %1 → %2 at temperature %3 (two-fold cross-fitted); Brier %4 → %5. At most %6 % errors among accepted images: %7 % accepted above a calibrated %8 (chosen on these images).</source>
        <translation>ECE %1 → %2, 온도 %3 (2겹 교차 적합); Brier %4 → %5. 수락된 이미지 중 오류 최대 %6 %: 보정값 %8 이상에서 %7 % 수락 (이 이미지들에서 선택함).</translation>
    </message>
    <message>
        <source> The model&apos;s own rule (%1): %2 accepted, %3 to review, %4 unknown.</source>
        <translation> 모델 자체 규칙 (%1): 수락 %2, 검토 %3, 미지 %4.</translation>
    </message>
    <message>
        <source>Calibration and the review rule</source>
        <translation>보정과 검토 규칙</translation>
    </message>
    <message numerus="yes">
        <source>%n region(s) found</source>
        <translation>
            <numerusform>영역 %n개 찾음</numerusform>
        </translation>
    </message>
    <message>
        <source>Where the defects are: the model&apos;s defect map</source>
        <translation>결함의 위치: 모델의 결함 맵</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지 수</translation>
    </message>
    <message>
        <source>Peak in a region</source>
        <translation>영역 안의 최댓값</translation>
    </message>
    <message>
        <source>Centre in a region</source>
        <translation>영역 안의 중심</translation>
    </message>
    <message>
        <source>Box AP@0.5</source>
        <translation>박스 AP@0.5</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2의 %1</translation>
    </message>
    <message>
        <source>Warning: %1 of %2 evaluated images (%3 %) are images this model was trained on (the same files): the figures above overstate how it does on new images.</source>
        <translation>경고: 평가한 이미지 %2개 중 %1개(%3 %)는 이 모델이 학습한 이미지(같은 파일)입니다. 위 수치는 새 이미지에서의 성능을 과대평가합니다.</translation>
    </message>
    <message>
        <source>The model has a defect map, trained beside the classifier on the dataset&apos;s masks or boxes. On the %1 split, its peak falls inside an annotated region for %2 % of the %3 images that have one (the image centre: %4 %). The %7 reach a box AP at IoU 0.5 of %5 (mean over classes), and the map ≥ 0.5 a pixel IoU of %6 with the annotations. Below, one image per class: the map in colour, the annotations in red, the regions found dashed in yellow, the peak as a white cross.</source>
        <translation>이 모델에는 데이터셋의 마스크나 박스로 분류기와 함께 학습한 결함 맵이 있습니다. %1 분할에서 주석 영역이 있는 %3개 이미지 중 %2 %에서 맵의 최댓값이 주석 영역 안에 있습니다 (이미지 중심: %4 %). %7의 IoU 0.5 박스 AP는 %5 (클래스 평균), 맵 ≥ 0.5와 주석의 픽셀 IoU는 %6입니다. 아래는 클래스별 이미지 한 장: 맵은 색, 주석은 빨강, 찾은 영역은 노란 점선, 최댓값은 흰 십자입니다.</translation>
    </message>
    <message>
        <source>boxes it finds (one per cell of the map, overlaps suppressed; those scored at least 0.5 shown)</source>
        <translation>맵이 찾은 박스 (맵의 셀마다 하나, 겹침 제거; 점수 0.5 이상만 표시)</translation>
    </message>
    <message>
        <source>regions it finds (map ≥ 0.5, connected components)</source>
        <translation>맵이 찾은 영역 (맵 ≥ 0.5, 연결 성분)</translation>
    </message>
    <message>
        <source> Review thresholds of their own (most probable class, calibrated): %1.</source>
        <translation> 자체 검토 임계값(가장 가능성 높은 클래스, 보정됨): %1.</translation>
    </message>
    <message>
        <source>Pixel IoU</source>
        <translation>픽셀 IoU</translation>
    </message>
</context>
<context>
    <name>sddui::BrowseFilters</name>
    <message>
        <source>by current label</source>
        <translation>현재 라벨 기준</translation>
    </message>
    <message>
        <source>by original label</source>
        <translation>원래 라벨 기준</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>모든 분할</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>모든 이미지</translation>
    </message>
    <message>
        <source>Relabeled</source>
        <translation>다시 라벨링됨</translation>
    </message>
    <message>
        <source>Misclassified</source>
        <translation>잘못 분류됨</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>중복 이미지</translation>
    </message>
    <message>
        <source>Not classified yet</source>
        <translation>아직 분류되지 않음</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>파일 이름</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Confidence (lowest first)</source>
        <translation>신뢰도 (낮은 순)</translation>
    </message>
    <message>
        <source>Search file names</source>
        <translation>파일 이름 검색</translation>
    </message>
    <message>
        <source>&lt;b&gt;Classes&lt;/b&gt;</source>
        <translation>&lt;b&gt;클래스&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>분할</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>표시</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>정렬</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>All classes  (%1)</source>
        <translation>모든 클래스  (%1)</translation>
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
        <translation>다시 라벨링됨 (%1)</translation>
    </message>
    <message>
        <source>Unlabeled  (%1)</source>
        <translation>미분류  (%1)</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>불확실</translation>
    </message>
    <message>
        <source>Unsure (%1)</source>
        <translation>불확실 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>이미지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 images shown</source>
        <translation>%2개 중 %1개 이미지 표시</translation>
    </message>
    <message>
        <source>; no confidence to sort by yet (Dataset ▸ Classify All Images)</source>
        <translation>; 아직 정렬할 신뢰도가 없습니다 (데이터셋 ▸ 모든 이미지 분류)</translation>
    </message>
    <message>
        <source>Model says: review</source>
        <translation>모델 판정: 검토</translation>
    </message>
    <message>
        <source>Model says: unknown</source>
        <translation>모델 판정: 미지</translation>
    </message>
    <message>
        <source>Images the model&apos;s rule calls unknown: unlike every class it was trained on (suggestions restored from an earlier session carry no unknown score: classify again to see them)</source>
        <translation>모델 규칙이 미지로 판정한 이미지: 학습한 어떤 클래스와도 다름 (이전 세션에서 복원된 제안에는 미지 점수가 없으니, 보려면 다시 분류하세요)</translation>
    </message>
</context>
<context>
    <name>sddui::BrowserView</name>
    <message>
        <source>No image matches the filters.
Choose “All classes” and “All images”, or clear the search.</source>
        <translation>필터에 맞는 이미지가 없습니다.
“모든 클래스”와 “모든 이미지”를 고르거나 검색어를 지우세요.</translation>
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
        <translation>최대 </translation>
    </message>
    <message>
        <source>Errors allowed among the images accepted without a person</source>
        <translation>사람 확인 없이 수락된 이미지 중 허용되는 오류</translation>
    </message>
    <message>
        <source>Review rule:</source>
        <translation>검토 규칙:</translation>
    </message>
    <message>
        <source>Save with the Model…</source>
        <translation>모델과 함께 저장…</translation>
    </message>
    <message>
        <source>Write a copy of the model whose decisions (sdd predict, Classify, Review, the report) follow this rule; its unknown detector is kept</source>
        <translation>판정(sdd predict, 분류, 검토, 보고서)이 이 규칙을 따르는 모델 사본을 기록합니다. 미지 검출기는 유지됩니다</translation>
    </message>
    <message>
        <source>Evaluate a model to see how far its confidence can be trusted.</source>
        <translation>모델을 평가하면 그 확신을 얼마나 믿을 수 있는지 보여 줍니다.</translation>
    </message>
    <message>
        <source>ECE %1 → %2 at temperature %3 (cross-fitted) · &lt;b&gt;%4 %&lt;/b&gt; accepted above a calibrated %5 with %6 % errors among them; the rest to review. Chosen on these %7 images; &lt;i&gt;Save with the Model&lt;/i&gt; (or &lt;tt&gt;sdd calibrate --max-risk&lt;/tt&gt;) makes it the model&apos;s rule.</source>
        <translation>ECE %1 → %2, 온도 %3 (교차 적합) · 보정값 %5 이상에서 &lt;b&gt;%4 %&lt;/b&gt; 수락, 그중 오류 %6 %; 나머지는 검토. 이 %7개 이미지에서 선택함; &lt;i&gt;모델과 함께 저장&lt;/i&gt;(또는 &lt;tt&gt;sdd calibrate --max-risk&lt;/tt&gt;)으로 모델의 규칙이 됩니다.</translation>
    </message>
    <message>
        <source>per class</source>
        <translation>클래스별</translation>
    </message>
    <message>
        <source>A threshold for each class too, at the same error rate among the images predicted as it (fewer images each than overall: check the counts). Off: saving keeps the model&apos;s own per-class thresholds</source>
        <translation>클래스마다 임계값도 정합니다. 그 클래스로 예측된 이미지에서 같은 오류율 기준입니다 (클래스별 이미지는 전체보다 적으니 개수를 확인하세요). 끄면 저장할 때 모델의 클래스별 임계값을 유지합니다</translation>
    </message>
    <message>
        <source>%1: overall (no image)</source>
        <translation>%1: 전체 기준 (이미지 없음)</translation>
    </message>
    <message>
        <source>%1: %2 (%3 images)</source>
        <translation>%1: %2 (이미지 %3개)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Per class: %1.</source>
        <translation>&lt;br&gt;클래스별: %1.</translation>
    </message>
</context>
<context>
    <name>sddui::ClassifyPanel</name>
    <message>
        <source>Classify images…</source>
        <translation>이미지 분류…</translation>
    </message>
    <message>
        <source>Choose image files to classify (or drop them anywhere on the window)</source>
        <translation>분류할 이미지 파일을 선택하세요 (또는 창 아무 곳에나 끌어다 놓으세요)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>결과 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Results written to %1</source>
        <translation>결과를 %1에 저장했습니다</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>Field of view of the camera along the strip (paper: 0.5 m)</source>
        <translation>띠강 방향 카메라 시야 (논문: 0.5 m)</translation>
    </message>
    <message>
        <source>Field of view</source>
        <translation>시야</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not classified&lt;/b&gt;</source>
        <translation>&lt;b&gt;분류되지 않음&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Drop image files or folders anywhere on this window to classify them.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;이미지 파일이나 폴더를 이 창 아무 곳에나 끌어다 놓으면 분류합니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source> — stopped</source>
        <translation> — 중지됨</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:#d50000&apos;&gt;not classified: %2&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:#d50000&apos;&gt;분류 안 됨: %2&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;font-size:15pt&apos;&gt;%2&lt;/span&gt; &amp;nbsp;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;font-size:15pt&apos;&gt;%2&lt;/span&gt; &amp;nbsp;%3</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#00823c&apos;&gt;✓ matches its label&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#00823c&apos;&gt;✓ 라벨과 일치&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#d50000&apos;&gt;&lt;b&gt;✗ label is %1&lt;/b&gt;&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#d50000&apos;&gt;&lt;b&gt;✗ 라벨은 %1&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No images classified yet.</source>
        <translation>아직 분류된 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>%1 of %2 image(s)</source>
        <translation>%2장 중 %1장</translation>
    </message>
    <message>
        <source> · %1 ms/image (file read → decision)</source>
        <translation> · 이미지당 %1 ms (파일 읽기 → 판정)</translation>
    </message>
    <message>
        <source> · %1 images/s</source>
        <translation> · 초당 %1장</translation>
    </message>
    <message>
        <source> · %1 not classified</source>
        <translation> · %1장 분류 안 됨</translation>
    </message>
    <message>
        <source>→ line speed %1 m/s</source>
        <translation>→ 라인 속도 %1 m/s</translation>
    </message>
    <message>
        <source>Double-click or Enter: show the image in the dataset</source>
        <translation>더블클릭 또는 Enter: 데이터셋에서 이미지 보기</translation>
    </message>
    <message>
        <source> · &lt;span style=&apos;color:%1&apos;&gt;%2 OK&lt;/span&gt;, &lt;span style=&apos;color:%3&apos;&gt;%4 review&lt;/span&gt;, &lt;span style=&apos;color:%5&apos;&gt;%6 unknown&lt;/span&gt;</source>
        <translation> · &lt;span style=&apos;color:%1&apos;&gt;OK %2&lt;/span&gt;, &lt;span style=&apos;color:%3&apos;&gt;검토 %4&lt;/span&gt;, &lt;span style=&apos;color:%5&apos;&gt;미지 %6&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>sddui::DatasetModel</name>
    <message>
        <source>no dataset is open</source>
        <translation>열린 데이터셋이 없습니다</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>미분류</translation>
    </message>
</context>
<context>
    <name>sddui::DatasetOpener</name>
    <message>
        <source>%1: no folder has this name, and more than one (or none) reads like it once the bytes of their names that are not UTF-8 text (Latin-1 or another old encoding) are replaced. Rename the folder, or use sdd on the command line, which reads it.</source>
        <translation>%1: 이 이름의 폴더가 없으며, 이름에서 UTF-8 텍스트가 아닌 바이트(Latin-1 또는 다른 옛 인코딩)를 바꾸어 읽으면 이와 같이 읽히는 폴더가 둘 이상이거나 하나도 없습니다. 폴더 이름을 바꾸거나, 이 폴더를 읽을 수 있는 명령줄의 sdd를 사용하십시오.</translation>
    </message>
</context>
<context>
    <name>sddui::EvaluatePanel</name>
    <message>
        <source>Validation split</source>
        <translation>검증 분할</translation>
    </message>
    <message>
        <source>Train split</source>
        <translation>학습 분할</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>모든 이미지</translation>
    </message>
    <message>
        <source>Evaluate Model</source>
        <translation>모델 평가</translation>
    </message>
    <message>
        <source>Classify every image of the split with the loaded model, one at a time, timed from file read to decision</source>
        <translation>불러온 모델로 분할의 모든 이미지를 한 장씩 분류하고, 파일 읽기부터 판정까지 시간을 잽니다</translation>
    </message>
    <message>
        <source>Evaluate on</source>
        <translation>평가 대상</translation>
    </message>
    <message>
        <source>Click a cell to show its images in the browser</source>
        <translation>셀을 클릭하면 브라우저에 해당 이미지가 표시됩니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt; (rows: true class; counts and row %; click a cell to see its images)</source>
        <translation>&lt;b&gt;혼동 행렬&lt;/b&gt; (행: 실제 클래스; 개수와 행 비율 %; 셀을 클릭하면 해당 이미지를 봅니다)</translation>
    </message>
    <message>
        <source>&lt;b&gt;ROC curves&lt;/b&gt;, one class against the rest (wheel: zoom, drag: pan, double-click: reset)</source>
        <translation>&lt;b&gt;ROC 곡선&lt;/b&gt;, 클래스별 일대다 (휠: 확대/축소, 드래그: 이동, 더블클릭: 초기화)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>정밀도</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>재현율</translation>
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
        <translation>표본 수</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>실제 클래스</translation>
    </message>
    <message>
        <source>Predicted as</source>
        <translation>예측된 클래스</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지 수</translation>
    </message>
    <message>
        <source>Share of the class</source>
        <translation>클래스 내 비율</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>라벨</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>P(label)</source>
        <translation>P(라벨)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>층 수</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>매크로 F1</translation>
    </message>
    <message>
        <source>Min AUC</source>
        <translation>최소 AUC</translation>
    </message>
    <message>
        <source>ms/image</source>
        <translation>이미지당 ms</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>아키텍처</translation>
    </message>
    <message>
        <source>Compare Models</source>
        <translation>모델 비교</translation>
    </message>
    <message>
        <source>Evaluate the shipped model and every model trained in this workspace on the chosen split</source>
        <translation>선택한 분할에서 기본 제공 모델과 이 작업 공간에서 학습한 모든 모델을 평가합니다</translation>
    </message>
    <message>
        <source>Ours: measured here on the chosen split. The paper&apos;s rows are its reported figures.</source>
        <translation>우리 값: 선택한 분할에서 여기서 측정. 논문 행은 논문이 보고한 값입니다.</translation>
    </message>
    <message>
        <source>Images with boxes</source>
        <translation>박스가 있는 이미지</translation>
    </message>
    <message>
        <source>Grad-CAM peak in a box</source>
        <translation>박스 안의 Grad-CAM 피크</translation>
    </message>
    <message>
        <source>Image centre in a box (baseline)</source>
        <translation>박스 안의 이미지 중심 (기준선)</translation>
    </message>
    <message>
        <source>Run Pointing Game</source>
        <translation>포인팅 게임 실행</translation>
    </message>
    <message>
        <source>For every image of the split with VOC defect boxes: is the Grad-CAM peak for its labelled class inside a box?</source>
        <translation>VOC 결함 박스가 있는 분할의 각 이미지에 대해: 라벨 클래스의 Grad-CAM 피크가 박스 안에 있는가?</translation>
    </message>
    <message>
        <source>Needs a dataset with Pascal VOC boxes (NEU-DET has them). The image centre is shown as a baseline.</source>
        <translation>Pascal VOC 박스가 있는 데이터셋이 필요합니다 (NEU-DET에 있음). 이미지 중심을 기준선으로 표시합니다.</translation>
    </message>
    <message>
        <source>Out-of-fold P(label)</source>
        <translation>교차 검증 밖 P(라벨)</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>제안</translation>
    </message>
    <message>
        <source>P(suggested)</source>
        <translation>P(제안)</translation>
    </message>
    <message>
        <source>folds: </source>
        <translation>폴드: </translation>
    </message>
    <message>
        <source>epochs: </source>
        <translation>에포크: </translation>
    </message>
    <message>
        <source>Find Suspected Label Errors</source>
        <translation>의심되는 라벨 오류 찾기</translation>
    </message>
    <message>
        <source>Train one model per fold on the other folds (the Train tab&apos;s settings) and score every image with the model that never saw it; list images whose label gets a low probability</source>
        <translation>폴드마다 나머지 폴드로 모델을 하나씩 학습하고(학습 탭 설정) 각 이미지를 그 이미지를 본 적 없는 모델로 평가하여, 라벨 확률이 낮은 이미지를 나열합니다</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>k-fold cross-validation over all images; each is scored by a model that never saw it.</source>
        <translation>모든 이미지에 대한 k-폴드 교차 검증. 각 이미지는 그것을 본 적 없는 모델이 평가합니다.</translation>
    </message>
    <message>
        <source>Table IV: per-class metrics</source>
        <translation>표 IV: 클래스별 지표</translation>
    </message>
    <message>
        <source>Most confused pairs</source>
        <translation>가장 많이 혼동된 쌍</translation>
    </message>
    <message>
        <source>Top losses</source>
        <translation>손실 상위</translation>
    </message>
    <message>
        <source>Model comparison (Table V)</source>
        <translation>모델 비교 (표 V)</translation>
    </message>
    <message>
        <source>Suspected label errors</source>
        <translation>의심되는 라벨 오류</translation>
    </message>
    <message>
        <source>Explain: pointing game</source>
        <translation>설명: 포인팅 게임</translation>
    </message>
    <message>
        <source>No image of this split has been classified yet: press &lt;b&gt;Evaluate Model&lt;/b&gt;.</source>
        <translation>이 분할의 이미지는 아직 분류되지 않았습니다: &lt;b&gt;모델 평가&lt;/b&gt;를 누르세요.</translation>
    </message>
    <message>
        <source>Open a dataset and a model with the same classes, then press &lt;b&gt;Evaluate Model&lt;/b&gt;.</source>
        <translation>클래스가 같은 데이터셋과 모델을 연 뒤 &lt;b&gt;모델 평가&lt;/b&gt;를 누르세요.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2 images · accuracy &lt;b&gt;%3&lt;/b&gt; · macro F1 &lt;b&gt;%4&lt;/b&gt; · macro AUC %5 · lowest AUC %6 (%7) · median %8 ms/image, file read to decision</source>
        <translation>이미지 %2장 중 &lt;b&gt;%1&lt;/b&gt;장 · 정확도 &lt;b&gt;%3&lt;/b&gt; · 매크로 F1 &lt;b&gt;%4&lt;/b&gt; · 매크로 AUC %5 · 최저 AUC %6 (%7) · 중앙값 이미지당 %8 ms (파일 읽기부터 판정까지)</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>해당 없음</translation>
    </message>
    <message>
        <source>macro average</source>
        <translation>매크로 평균</translation>
    </message>
    <message>
        <source>Click to show it in the browser, then press a class number to relabel</source>
        <translation>클릭하면 브라우저에 표시됩니다. 그다음 클래스 번호를 눌러 다시 라벨링하세요</translation>
    </message>
    <message>
        <source>%1 of %2 images scored out of fold have a label the models doubt (P(label) &lt; 0.5, another class more probable), lowest first. Click one to inspect and relabel it.</source>
        <translation>교차 검증 밖에서 점수가 매겨진 %2장 중 %1장의 라벨을 모델이 의심합니다(P(라벨) &lt; 0.5이고 다른 클래스가 더 유력). 낮은 순서입니다. 클릭하면 검사하고 다시 라벨링할 수 있습니다.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>No image of this split has defect boxes.</source>
        <translation>이 분할에는 결함 박스가 있는 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>%1 images with boxes%2. Peak: the Grad-CAM maximum for the labelled class.</source>
        <translation>박스가 있는 이미지 %1장%2. 피크: 라벨 클래스에 대한 Grad-CAM 최댓값.</translation>
    </message>
    <message>
        <source>, %1 without boxes left out</source>
        <translation>, 박스 없는 %1장 제외</translation>
    </message>
    <message>
        <source>%1 — reported by the paper</source>
        <translation>%1 — 논문 보고값</translation>
    </message>
    <message>
        <source>not measured here</source>
        <translation>여기서 측정하지 않음</translation>
    </message>
    <message>
        <source>%1 model(s) measured on the %2 split, one image at a time from file read to decision. Grey rows: the paper&apos;s reported figures.%3</source>
        <translation>%2 분할에서 모델 %1개를 측정했습니다(이미지 한 장씩, 파일 읽기부터 판정까지). 회색 행: 논문 보고값.%3</translation>
    </message>
    <message>
        <source> Skipped: %1</source>
        <translation> 제외됨: %1</translation>
    </message>
    <message>
        <source>Calibration and review</source>
        <translation>보정과 검토</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b style=&apos;color:#d50000&apos;&gt;Warning:&lt;/b&gt; %1 of %2 of these images (%3 %) are images this model was trained on (the same files): the figures overstate how it does on new images.</source>
        <translation>&lt;br&gt;&lt;b style=&apos;color:#d50000&apos;&gt;경고:&lt;/b&gt; 이 이미지 %2개 중 %1개(%3 %)는 이 모델이 학습한 이미지(같은 파일)입니다. 수치는 새 이미지에서의 성능을 과대평가합니다.</translation>
    </message>
</context>
<context>
    <name>sddui::EvaluationController</name>
    <message>
        <source>Evaluating %1 model(s) on the %2 split…</source>
        <translation>%2 분할에서 모델 %1개 평가 중…</translation>
    </message>
    <message>
        <source>Computing Grad-CAM for the %1 split…</source>
        <translation>%1 분할의 Grad-CAM 계산 중…</translation>
    </message>
    <message>
        <source>Pointing game failed: %1</source>
        <translation>포인팅 게임 실패: %1</translation>
    </message>
    <message>
        <source>Training %1 models (%2 epochs each) in %3…</source>
        <translation>%3에서 모델 %1개 학습 중 (각 %2 에포크)…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>중지했습니다.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>%1 is the loaded model itself: choose another file</source>
        <translation>%1은(는) 불러온 모델 자체입니다: 다른 파일을 고르십시오</translation>
    </message>
</context>
<context>
    <name>sddui::Exports</name>
    <message>
        <source>Export label journal</source>
        <translation>라벨 기록 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Label journal written to %1</source>
        <translation>라벨 기록을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>Export relabeled copy to an empty folder</source>
        <translation>재라벨링된 사본을 빈 폴더로 내보내기</translation>
    </message>
    <message>
        <source>%1 images copied to %2</source>
        <translation>이미지 %1장을 %2에 복사했습니다</translation>
    </message>
    <message>
        <source>Export manifest</source>
        <translation>매니페스트 내보내기</translation>
    </message>
    <message>
        <source>Manifest written to %1</source>
        <translation>매니페스트를 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>불러온 모델이 없습니다.</translation>
    </message>
    <message>
        <source>Export model as ONNX</source>
        <translation>모델을 ONNX로 내보내기</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 모델 (*.onnx)</translation>
    </message>
    <message>
        <source>Model written to %1 (input &quot;image&quot;: RGB / 255, NCHW; output &quot;probabilities&quot;)</source>
        <translation>모델을 %1에 저장했습니다 (입력 &quot;image&quot;: RGB / 255, NCHW; 출력 &quot;probabilities&quot;)</translation>
    </message>
</context>
<context>
    <name>sddui::ImageView</name>
    <message>
        <source>added %1</source>
        <translation>%1 상자 추가</translation>
    </message>
    <message>
        <source>moved %1</source>
        <translation>%1 상자 이동</translation>
    </message>
    <message>
        <source>resized %1</source>
        <translation>%1 상자 크기 변경</translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation>%1 상자 삭제</translation>
    </message>
    <message>
        <source>%1 box made %2</source>
        <translation>%1 상자를 %2(으)로 변경</translation>
    </message>
</context>
<context>
    <name>sddui::InferenceWorker</name>
    <message>
        <source>no model loaded</source>
        <translation>불러온 모델이 없습니다</translation>
    </message>
    <message>
        <source>macro F1 %1 on %2</source>
        <translation>%2에서 매크로 F1 %1</translation>
    </message>
    <message>
        <source>not scored: %1</source>
        <translation>채점되지 않음: %1</translation>
    </message>
</context>
<context>
    <name>sddui::Inspector</name>
    <message>
        <source>Defect boxes</source>
        <translation>결함 박스</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>축소</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Fit the image to the view</source>
        <translation>이미지를 보기 영역에 맞춥니다</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>Actual pixels</source>
        <translation>실제 픽셀</translation>
    </message>
    <message>
        <source>Show the Pascal VOC defect regions of the dataset</source>
        <translation>데이터셋의 Pascal VOC 결함 영역 표시</translation>
    </message>
    <message>
        <source>Grad-CAM heat map of the predicted class: where the network looked (computed on the worker thread)</source>
        <translation>예측 클래스의 Grad-CAM 히트맵: 네트워크가 본 곳 (작업 스레드에서 계산)</translation>
    </message>
    <message>
        <source>Heat map opacity</source>
        <translation>히트맵 불투명도</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>시각 (UTC)</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>계산 중…</translation>
    </message>
    <message>
        <source>no heat map: %1</source>
        <translation>히트맵 없음: %1</translation>
    </message>
    <message>
        <source>%1; + marks the peak</source>
        <translation>%1; +는 피크 위치</translation>
    </message>
    <message>
        <source>%1; peak (+) %2 a defect box</source>
        <translation>%1; 피크(+)가 %2</translation>
    </message>
    <message>
        <source>inside</source>
        <translation>결함 박스 안에 있음</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>결함 박스 밖에 있음</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an image to inspect it.&lt;/i&gt;</source>
        <translation>&lt;i&gt;검사할 이미지를 선택하세요.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No defect boxes</source>
        <translation>결함 박스 없음</translation>
    </message>
    <message>
        <source>Defect boxes (%1)</source>
        <translation>결함 박스 (%1)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>라벨</translation>
    </message>
    <message>
        <source> (was %1)</source>
        <translation> (이전: %1)</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <source> &lt;b style=&apos;color:#d50000&apos;&gt;≠ label&lt;/b&gt;</source>
        <translation> &lt;b style=&apos;color:#d50000&apos;&gt;≠ 라벨&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>분할</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>%1 × %2, %3 channel(s)</source>
        <translation>%1 × %2, %3채널</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>중복</translation>
    </message>
    <message>
        <source>byte-identical to another image</source>
        <translation>다른 이미지와 바이트 단위로 동일</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>미분류</translation>
    </message>
    <message>
        <source>How</source>
        <translation>방법</translation>
    </message>
    <message>
        <source>By</source>
        <translation>작성자</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>제안</translation>
    </message>
    <message>
        <source>(no class)</source>
        <translation>(클래스 없음)</translation>
    </message>
    <message>
        <source> (model %1)</source>
        <translation> (모델 %1)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>마스크</translation>
    </message>
    <message>
        <source>Show the image&apos;s pixel mask from the dataset (the defect&apos;s pixels)</source>
        <translation>데이터셋의 픽셀 마스크 표시 (결함 픽셀)</translation>
    </message>
    <message>
        <source>Mask opacity</source>
        <translation>마스크 불투명도</translation>
    </message>
    <message>
        <source>No mask</source>
        <translation>마스크 없음</translation>
    </message>
    <message>
        <source>Mask unreadable</source>
        <translation>마스크를 읽을 수 없음</translation>
    </message>
    <message>
        <source>Defect map</source>
        <translation>결함 맵</translation>
    </message>
    <message>
        <source>Defect map: where the model, trained on the dataset&apos;s masks or boxes, finds defects (dashed: the regions it finds). Grad-CAM: where the classifier looked.</source>
        <translation>결함 맵: 데이터셋의 마스크나 박스로 학습한 모델이 결함을 찾은 위치 (점선: 찾은 영역). Grad-CAM: 분류기가 본 위치.</translation>
    </message>
    <message numerus="yes">
        <source>defect map (%1), %n region(s)</source>
        <translation>
            <numerusform>결함 맵 (%1), 영역 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Grad-CAM of %1</source>
        <translation>%1의 Grad-CAM</translation>
    </message>
    <message>
        <source>Edit boxes</source>
        <translation>상자 편집</translation>
    </message>
    <message>
        <source>Edit the defect boxes: drag on the image to draw one, drag a box or its edges to move or resize it, Tab to pick the next, arrows to nudge (Shift: 10 px), Delete to remove. Saved in the workspace&apos;s journal (Edit ▸ Undo); the dataset&apos;s files are not changed.</source>
        <translation>결함 상자 편집: 이미지에서 드래그하여 그리기, 상자나 가장자리를 드래그하여 이동 또는 크기 변경, Tab으로 다음 상자 선택, 화살표로 미세 이동(Shift: 10 px), Delete로 삭제. 작업 공간의 저널에 저장됩니다(편집 ▸ 실행 취소). 데이터셋 파일은 변경되지 않습니다.</translation>
    </message>
    <message>
        <source>Box class</source>
        <translation>상자 클래스</translation>
    </message>
    <message>
        <source>The class of a new box, and of the selected one</source>
        <translation>새 상자와 선택한 상자의 클래스</translation>
    </message>
    <message>
        <source>Delete box</source>
        <translation>상자 삭제</translation>
    </message>
    <message>
        <source>Delete the selected box (Delete key)</source>
        <translation>선택한 상자 삭제(Delete 키)</translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt; (label and boxes)</source>
        <translation>&lt;b&gt;이력&lt;/b&gt; (레이블과 상자)</translation>
    </message>
    <message>
        <source>boxes %1 → %2</source>
        <translation>상자 %1 → %2</translation>
    </message>
    <message>
        <source>boxes %1</source>
        <translation>상자 %1</translation>
    </message>
    <message>
        <source>no label or box given here yet</source>
        <translation>아직 이곳에서 지정한 레이블이나 상자가 없습니다</translation>
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
        <translation>다른 클래스, 메모와 함께…</translation>
    </message>
    <message>
        <source>Relabel with a note</source>
        <translation>메모와 함께 다시 라벨링</translation>
    </message>
    <message>
        <source>why (kept in the label journal)</source>
        <translation>이유 (라벨 기록에 보관됨)</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>새 클래스</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>sddui::LabelingController</name>
    <message>
        <source>training was stopped</source>
        <translation>학습이 중지되었습니다</translation>
    </message>
    <message>
        <source>the new model could not be loaded</source>
        <translation>새 모델을 불러올 수 없습니다</translation>
    </message>
    <message>
        <source>Open a dataset to review its images.</source>
        <translation>이미지를 검토하려면 데이터셋을 여세요.</translation>
    </message>
    <message>
        <source>No suggestions yet: score the unlabeled images first.</source>
        <translation>아직 제안이 없습니다: 먼저 미분류 이미지를 채점하세요.</translation>
    </message>
    <message>
        <source>Nothing to review in this order.</source>
        <translation>이 순서로 검토할 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>Every image of the queue is decided. Unsure ones are under Show ▸ Unsure.</source>
        <translation>대기열의 모든 이미지가 결정되었습니다. 불확실한 이미지는 표시 ▸ 불확실에 있습니다.</translation>
    </message>
    <message>
        <source>label %1 as %2</source>
        <translation>%1을(를) %2(으)로 라벨링</translation>
    </message>
    <message>
        <source>The mark was not saved: %1</source>
        <translation>표시가 저장되지 않았습니다: %1</translation>
    </message>
    <message>
        <source>%1 of %2 decided, %3 unsure</source>
        <translation>%2개 중 %1개 결정, %3개 불확실</translation>
    </message>
    <message>
        <source>, %1 h %2 min at your pace</source>
        <translation>, 현재 속도로 %1시간 %2분</translation>
    </message>
    <message>
        <source>, %1 min at your pace</source>
        <translation>, 현재 속도로 %1분</translation>
    </message>
    <message numerus="yes">
        <source>accept %n suggestion(s) at least %1 confident</source>
        <translation>
            <numerusform>신뢰도 %1 이상인 제안 %n개 수락</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept confident suggestions</source>
        <translation>신뢰도 높은 제안 수락</translation>
    </message>
    <message>
        <source>Confidence at least</source>
        <translation>최소 신뢰도</translation>
    </message>
    <message numerus="yes">
        <source>Labels %n image(s) without a class</source>
        <translation>
            <numerusform>클래스 없는 이미지 %n개에 라벨을 붙입니다</numerusform>
        </translation>
    </message>
    <message>
        <source>On the %1 validation images labeled by hand or by folder that the model is this confident about, its suggestion was right for %2 (%3 %).</source>
        <translation>모델이 이만큼 확신하는, 사람이나 폴더가 라벨을 붙인 검증 이미지 %1개 중 %2개(%3 %)에서 제안이 맞았습니다.</translation>
    </message>
    <message>
        <source>No labeled validation image has a suggestion this confident: how accurate the threshold is cannot be checked.</source>
        <translation>이만큼 확신하는 제안을 가진 라벨된 검증 이미지가 없습니다: 이 임계값의 정확도를 확인할 수 없습니다.</translation>
    </message>
    <message>
        <source>training could not start (see the Train tab)</source>
        <translation>학습을 시작할 수 없습니다 (학습 탭 참조)</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) the model calls unknown are left out: a person labels them.</source>
        <translation>
            <numerusform>모델이 미지라고 판정한 이미지 %n개는 제외됩니다: 사람이 라벨을 붙입니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sddui::LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>The language changes the next time SDD Workbench starts.</source>
        <translation>언어는 SDD Workbench를 다음에 시작할 때 바뀝니다.</translation>
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
        <translation>모델</translation>
    </message>
    <message>
        <source>Could not load the model %1:
%2</source>
        <translation>모델 %1을(를) 불러올 수 없습니다:
%2</translation>
    </message>
    <message>
        <source>Training finished: %1</source>
        <translation>학습 완료: %1</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>분류</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>탐색</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>검사기</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>&amp;Open Dataset…</source>
        <translation>데이터셋 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>모델 열기(&amp;M)…</translation>
    </message>
    <message>
        <source>Recent &amp;Datasets</source>
        <translation>최근 데이터셋(&amp;D)</translation>
    </message>
    <message>
        <source>Recent M&amp;odels</source>
        <translation>최근 모델(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Classify Images…</source>
        <translation>이미지 분류(&amp;C)…</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Export Label &amp;Journal (CSV)…</source>
        <translation>라벨 기록 내보내기 (CSV)(&amp;J)…</translation>
    </message>
    <message>
        <source>Export Relabeled &amp;Copy…</source>
        <translation>재라벨링된 사본 내보내기(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;Manifest (CSV)…</source>
        <translation>매니페스트 내보내기 (CSV)(&amp;M)…</translation>
    </message>
    <message>
        <source>Export &amp;Report (PDF)…</source>
        <translation>보고서 내보내기 (PDF)(&amp;R)…</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Export Model as &amp;ONNX…</source>
        <translation>모델을 ONNX로 내보내기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
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
        <translation>선택 항목 라벨 지정(&amp;L)</translation>
    </message>
    <message>
        <source>Relabel with &amp;Note…</source>
        <translation>메모와 함께 다시 라벨링(&amp;N)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Advance After Labeling</source>
        <translation>라벨링 후 다음으로 이동(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Dataset</source>
        <translation>데이터셋(&amp;D)</translation>
    </message>
    <message>
        <source>Classify &amp;All Images</source>
        <translation>모든 이미지 분류(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>&amp;Clear Predictions</source>
        <translation>예측 지우기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About SDD Workbench</source>
        <translation>SDD Workbench 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About SDD Workbench</source>
        <translation>SDD Workbench 정보</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>%1 스캔 중…</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1을(를) 열 수 없습니다</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>데이터셋 열기</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>모델 열기</translation>
    </message>
    <message>
        <source>This model cannot be used with the open dataset.

%1</source>
        <translation>이 모델은 열린 데이터셋과 함께 사용할 수 없습니다.

%1</translation>
    </message>
    <message>
        <source>Still classifying the previous batch; stop it first.</source>
        <translation>이전 배치를 아직 분류 중입니다. 먼저 중지하세요.</translation>
    </message>
    <message>
        <source>No image files in what was dropped.</source>
        <translation>끌어다 놓은 항목에 이미지 파일이 없습니다.</translation>
    </message>
    <message>
        <source>%1 non-image file(s) in the folders ignored</source>
        <translation>폴더의 이미지가 아닌 파일 %1개는 무시했습니다</translation>
    </message>
    <message>
        <source>Needs an open dataset and a model trained on its classes</source>
        <translation>열린 데이터셋과 그 클래스로 학습한 모델이 필요합니다</translation>
    </message>
    <message>
        <source>Open dataset folder</source>
        <translation>데이터셋 폴더 열기</translation>
    </message>
    <message>
        <source>SDD models (*.sddm);;All files (*)</source>
        <translation>SDD 모델 (*.sddm);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Classify images</source>
        <translation>이미지 분류</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Open a dataset first.</source>
        <translation>먼저 데이터셋을 여세요.</translation>
    </message>
    <message>
        <source>The loaded model&apos;s classes (%1) differ from the dataset&apos;s (%2); open a model trained on these classes.</source>
        <translation>불러온 모델의 클래스(%1)가 데이터셋의 클래스(%2)와 다릅니다. 이 클래스로 학습한 모델을 여세요.</translation>
    </message>
    <message>
        <source>The %1 split has no images.</source>
        <translation>%1 분할에 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>Showing %1 image(s) labeled %2 and predicted %3 (%4 split)</source>
        <translation>라벨 %2, 예측 %3인 이미지 %1장 표시 (%4 분할)</translation>
    </message>
    <message>
        <source>Suspected label errors</source>
        <translation>의심되는 라벨 오류</translation>
    </message>
    <message>
        <source>The Train tab&apos;s settings are not valid: %1</source>
        <translation>학습 탭의 설정이 유효하지 않습니다: %1</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>보고서 내보내기</translation>
    </message>
    <message>
        <source>Open a dataset and a model with the same classes first.</source>
        <translation>먼저 클래스가 같은 데이터셋과 모델을 여세요.</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Another evaluation is running; try again when it ends.</source>
        <translation>다른 평가가 실행 중입니다. 끝난 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>사용 중</translation>
    </message>
    <message>
        <source>Evaluating for the report…</source>
        <translation>보고서를 위해 평가 중…</translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation>보고서를 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>보고서를 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Label journal</source>
        <translation>라벨 기록</translation>
    </message>
    <message>
        <source>The change was not saved: %1</source>
        <translation>변경 사항이 저장되지 않았습니다: %1</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <source>Your &amp;Name in the Label Journal…</source>
        <translation>라벨 기록에 쓸 이름(&amp;N)…</translation>
    </message>
    <message>
        <source>Your name in the label journal</source>
        <translation>라벨 기록에 쓸 이름</translation>
    </message>
    <message>
        <source>Labels you give are recorded with this name (empty: the system&apos;s user name).</source>
        <translation>붙인 라벨은 이 이름으로 기록됩니다 (비우면 시스템 사용자 이름).</translation>
    </message>
    <message>
        <source>%1 is not an image of the open dataset.</source>
        <translation>%1은(는) 열린 데이터셋의 이미지가 아닙니다.</translation>
    </message>
    <message>
        <source>Save the review rule with a copy of the model</source>
        <translation>검토 규칙을 모델 사본과 함께 저장</translation>
    </message>
    <message>
        <source>SDD models (*.sddm)</source>
        <translation>SDD 모델 (*.sddm)</translation>
    </message>
    <message>
        <source>Save the review rule</source>
        <translation>검토 규칙 저장</translation>
    </message>
    <message>
        <source>Saved and loaded %1</source>
        <translation>%1을(를) 저장하고 불러옴</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>이미지 (%1);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Set Class &amp;List…</source>
        <translation>클래스 목록 설정(&amp;L)…</translation>
    </message>
    <message>
        <source>The classes of this dataset. Folders named after them are class folders, also inside other folders; images elsewhere are to label.</source>
        <translation>이 데이터셋의 클래스입니다. 이 이름의 폴더는 다른 폴더 안에 있어도 클래스 폴더이며, 그 밖의 이미지는 레이블을 지정할 이미지입니다.</translation>
    </message>
</context>
<context>
    <name>sddui::ProbabilityChart</name>
    <message>
        <source>SoftMax probability</source>
        <translation>SoftMax 확률</translation>
    </message>
    <message>
        <source> (label)</source>
        <translation> (라벨)</translation>
    </message>
</context>
<context>
    <name>sddui::ReductionDialog</name>
    <message>
        <source>Model reduction (paper Fig. 3)</source>
        <translation>모델 축소 (논문 그림 3)</translation>
    </message>
    <message>
        <source>Starting from &lt;b&gt;%1&lt;/b&gt; (%2 weights): train briefly, then try smaller variants (drop the last conv stage, halve the conv widths, halve or drop the hidden FC), fewest weights first, keeping the first whose validation macro F1 stays within the tolerance of the base network&apos;s; repeat; then train the chosen network longer. Runs go to %3.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;(가중치 %2개)에서 시작: 짧게 학습한 뒤 더 작은 변형(마지막 합성곱 단계 제거, 합성곱 너비 절반, 은닉 FC 절반 또는 제거)을 가중치가 적은 순서로 시도하여, 검증 매크로 F1이 기준 네트워크 대비 허용 오차 안에 드는 첫 번째 것을 유지합니다. 이를 반복한 뒤 선택된 네트워크를 더 오래 학습합니다. 실행은 %3에 저장됩니다.</translation>
    </message>
    <message>
        <source>Tolerance: F1 a smaller model may lose against the base</source>
        <translation>허용 오차: 작은 모델이 기준 대비 잃어도 되는 F1</translation>
    </message>
    <message>
        <source>Epochs per candidate</source>
        <translation>후보당 에포크 수</translation>
    </message>
    <message>
        <source>Epochs for the chosen network</source>
        <translation>선택된 네트워크의 에포크 수</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Use Final Model</source>
        <translation>최종 모델 사용</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>유지됨</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>층 수</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>매크로 F1</translation>
    </message>
    <message>
        <source>Min AUC</source>
        <translation>최소 AUC</translation>
    </message>
    <message>
        <source>ms/image</source>
        <translation>이미지당 ms</translation>
    </message>
    <message>
        <source>final</source>
        <translation>최종</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Training the base network…</source>
        <translation>기준 네트워크 학습 중…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>Stopped. The models trained so far are kept in %1.</source>
        <translation>중지했습니다. 지금까지 학습한 모델은 %1에 보관됩니다.</translation>
    </message>
    <message>
        <source>Chosen: %1 (%2 weights). Table V is also written as %3 and %4.</source>
        <translation>선택됨: %1 (가중치 %2개). 표 V는 %3과 %4에도 저장됩니다.</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>현재 배치 후 중지합니다…</translation>
    </message>
</context>
<context>
    <name>sddui::RelabelController</name>
    <message numerus="yes">
        <source>Waiting for the label journal (another program is writing to it): %n change(s) not saved yet</source>
        <translation>
            <numerusform>라벨 기록을 기다리는 중 (다른 프로그램이 쓰는 중): 아직 저장되지 않은 변경 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>All changes saved to the label journal</source>
        <translation>모든 변경 사항이 라벨 기록에 저장되었습니다</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) relabeled by another program</source>
        <translation>
            <numerusform>다른 프로그램이 이미지 %n개의 라벨을 바꿨습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot follow the label journal: %1</source>
        <translation>라벨 기록을 따라갈 수 없습니다: %1</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>실행 취소(&amp;U) %1</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>다시 실행(&amp;R) %1</translation>
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
        <translation>✗ 다름</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>라벨</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>일치</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>calibrated probability %1, unknown score %2</source>
        <translation>보정 확률 %1, 미지 점수 %2</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>판정</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>해당 없음</translation>
    </message>
</context>
<context>
    <name>sddui::ReviewPanel</name>
    <message>
        <source>Least confident first</source>
        <translation>신뢰도 낮은 순</translation>
    </message>
    <message>
        <source>Likely label errors first</source>
        <translation>라벨 오류 가능성 높은 순</translation>
    </message>
    <message>
        <source>File order</source>
        <translation>파일 순서</translation>
    </message>
    <message>
        <source>Score Unlabeled Images</source>
        <translation>미분류 이미지 채점</translation>
    </message>
    <message>
        <source>Classify the images without a class with the loaded model; the suggestions are kept in the workspace</source>
        <translation>불러온 모델로 클래스 없는 이미지를 분류합니다. 제안은 작업 공간에 저장됩니다</translation>
    </message>
    <message>
        <source>Accept Confident Suggestions…</source>
        <translation>신뢰도 높은 제안 수락…</translation>
    </message>
    <message>
        <source>Train &amp;&amp; Re-score</source>
        <translation>학습 후 다시 채점</translation>
    </message>
    <message>
        <source>Train on the labeled images with the Train tab&apos;s settings, then score the unlabeled ones with the new model</source>
        <translation>학습 탭의 설정으로 라벨된 이미지를 학습한 뒤, 새 모델로 미분류 이미지를 채점합니다</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>순서</translation>
    </message>
    <message>
        <source>Accept Suggestion  (Enter)</source>
        <translation>제안 수락  (Enter)</translation>
    </message>
    <message>
        <source>Unsure  (U)</source>
        <translation>불확실  (U)</translation>
    </message>
    <message>
        <source>Undo  (Backspace)</source>
        <translation>실행 취소  (Backspace)</translation>
    </message>
    <message>
        <source>Open a dataset and load a model to review its images.</source>
        <translation>이미지를 검토하려면 데이터셋을 열고 모델을 불러오세요.</translation>
    </message>
    <message>
        <source>Cannot show %1</source>
        <translation>%1을(를) 표시할 수 없습니다</translation>
    </message>
    <message>
        <source>no class yet</source>
        <translation>아직 클래스 없음</translation>
    </message>
    <message>
        <source>suggestion: &lt;b&gt;%1&lt;/b&gt; (%2 %)</source>
        <translation>제안: &lt;b&gt;%1&lt;/b&gt; (%2 %)</translation>
    </message>
    <message>
        <source>not scored yet</source>
        <translation>아직 채점되지 않음</translation>
    </message>
    <message>
        <source>Model&apos;s doubts first (unknown, review)</source>
        <translation>모델의 의심 먼저 (미지, 검토)</translation>
    </message>
</context>
<context>
    <name>sddui::ScanProblems</name>
    <message>
        <source>Opened %1: %2 images, %3 classes (%4)</source>
        <translation>%1 열림: 이미지 %2장, 클래스 %3개 (%4)</translation>
    </message>
    <message>
        <source>, %1 file(s) skipped</source>
        <translation>, %1개 파일 건너뜀</translation>
    </message>
    <message>
        <source>, %1 relabel(s) from the workspace</source>
        <translation>, 작업 공간의 재라벨 %1건</translation>
    </message>
    <message>
        <source>%1: relabeled in the workspace but no longer in the dataset</source>
        <translation>%1: 작업 공간에서 다시 라벨링되었지만 더 이상 데이터셋에 없습니다</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>데이터셋 열기</translation>
    </message>
    <message>
        <source>%1 file(s) could not be used; the rest of the dataset is open.</source>
        <translation>%1개 파일을 사용할 수 없습니다. 나머지 데이터셋은 열렸습니다.</translation>
    </message>
    <message>
        <source>a folder per class</source>
        <translation>클래스별 폴더</translation>
    </message>
    <message>
        <source>images without classes</source>
        <translation>클래스 없는 이미지</translation>
    </message>
    <message>
        <source>, %1 group(s) of identical images labeled differently (Show: Duplicates)</source>
        <translation>, 내용이 같은데 레이블이 다른 이미지 %1 그룹 (표시: 중복 이미지)</translation>
    </message>
    <message>
        <source>classes from a CSV file</source>
        <translation>CSV 파일의 클래스</translation>
    </message>
    <message>
        <source>images with masks; classes from the masks</source>
        <translation>마스크가 있는 이미지; 마스크에서 정한 클래스</translation>
    </message>
    <message>
        <source>, read from %1</source>
        <translation>, %1에서 읽음</translation>
    </message>
    <message>
        <source>The dataset is open. Where its files allow two readings, it was read as below.</source>
        <translation>데이터셋이 열렸습니다. 파일을 두 가지로 읽을 수 있는 곳은 아래와 같이 읽었습니다.</translation>
    </message>
    <message>
        <source>Dataset &gt; Set Class List… takes other classes.</source>
        <translation>다른 클래스를 쓰려면 데이터셋 &gt; 클래스 목록 설정…을 사용하십시오.</translation>
    </message>
</context>
<context>
    <name>sddui::StatusLabels</name>
    <message>
        <source>No dataset</source>
        <translation>데이터셋 없음</translation>
    </message>
    <message>
        <source>Dataset: %1</source>
        <translation>데이터셋: %1</translation>
    </message>
    <message>
        <source>%1
Workspace (label journal): %2</source>
        <translation>%1
작업 공간(라벨 기록): %2</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>모델 불러오는 중…</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>모델: %1</translation>
    </message>
    <message>
        <source> (other classes)</source>
        <translation> (다른 클래스)</translation>
    </message>
    <message>
        <source>%1
%2, %3 parameters
classes: %4
%5</source>
        <translation>%1
%2, 파라미터 %3개
클래스: %4
%5</translation>
    </message>
    <message>
        <source>Device: %1, %2 engine</source>
        <translation>장치: %1, %2 엔진</translation>
    </message>
</context>
<context>
    <name>sddui::ThumbnailDelegate</name>
    <message>
        <source>unlabeled</source>
        <translation>미분류</translation>
    </message>
</context>
<context>
    <name>sddui::TrainForm</name>
    <message>
        <source>Recommended: 50 px, BatchNorm, global average pooling, weight average</source>
        <translation>권장: 50 px, BatchNorm, 전역 평균 풀링, 가중치 평균</translation>
    </message>
    <message>
        <source>Paper Table II (conv 8-16-32-64, FC 16)</source>
        <translation>논문 표 II (합성곱 8-16-32-64, FC 16)</translation>
    </message>
    <message>
        <source>Table II + BatchNorm</source>
        <translation>표 II + BatchNorm</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>사용자 지정</translation>
    </message>
    <message>
        <source>Output channels of each conv + max-pool block, comma separated</source>
        <translation>각 합성곱 + 최대 풀링 블록의 출력 채널 수, 쉼표로 구분</translation>
    </message>
    <message>
        <source>Images are resized to this square size. On NEU&apos;s 200-px images 50 px was as accurate as 100 or 200 px for a fraction of the work; JPEGs at least twice the size are decoded at 1/2, 1/4 or 1/8 scale, which is also faster.</source>
        <translation>이미지를 이 정사각형 크기로 조정합니다. NEU의 200 px 이미지에서 50 px는 100 px나 200 px만큼 정확했고 계산량은 그 일부에 불과했습니다. 입력의 두 배 이상인 JPEG는 1/2, 1/4 또는 1/8 배율로 디코딩되어 더 빠릅니다.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>flatten (Table II)</source>
        <translation>평탄화 (표 II)</translation>
    </message>
    <message>
        <source>global average pool</source>
        <translation>전역 평균 풀링</translation>
    </message>
    <message>
        <source>BatchNorm after each conv</source>
        <translation>각 합성곱 뒤 BatchNorm</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>flips, 90° rotations, brightness/contrast</source>
        <translation>뒤집기, 90° 회전, 밝기/대비</translation>
    </message>
    <message>
        <source>Largest Gaussian noise sigma added to training images, in [0,1] pixel units (0.04 is about 10 grey levels)</source>
        <translation>학습 이미지에 더하는 가우스 잡음 시그마의 최댓값, [0,1] 픽셀 단위 (0.04는 약 10 그레이 레벨)</translation>
    </message>
    <message>
        <source>Largest Gaussian blur sigma applied to half of the training images</source>
        <translation>학습 이미지의 절반에 적용하는 가우스 블러 시그마의 최댓값</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Validate and keep an exponential moving average of the weights, with this decay per batch (0.999 in the recommended recipe; off = the weights as trained)</source>
        <translation>가중치의 지수 이동 평균을 배치마다 이 감쇠율로 갱신하여 검증하고 저장합니다 (권장 레시피는 0.999, 끔 = 학습된 가중치 그대로)</translation>
    </message>
    <message>
        <source>Share of each training label spread evenly over all classes</source>
        <translation>각 학습 레이블에서 모든 클래스에 고르게 나누어 주는 비율</translation>
    </message>
    <message>
        <source>last epoch</source>
        <translation>마지막 에포크</translation>
    </message>
    <message>
        <source>best validation F1</source>
        <translation>최고 검증 F1</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>모든 코어</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>입력 크기</translation>
    </message>
    <message>
        <source>Conv widths</source>
        <translation>합성곱 너비</translation>
    </message>
    <message>
        <source>Hidden FC</source>
        <translation>은닉 FC</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>헤드</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크 수</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>스케줄</translation>
    </message>
    <message>
        <source>Early stop after</source>
        <translation>조기 종료 기준</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>데이터 증강</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>잡음</translation>
    </message>
    <message>
        <source>Blur</source>
        <translation>블러</translation>
    </message>
    <message>
        <source>Weight average</source>
        <translation>가중치 평균</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>레이블 스무딩</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>유지</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>conv widths: &apos;%1&apos; is not a positive whole number</source>
        <translation>합성곱 너비: &apos;%1&apos;은(는) 양의 정수가 아닙니다</translation>
    </message>
    <message>
        <source>conv widths: give at least one width, e.g. 8,16,32,64</source>
        <translation>합성곱 너비: 너비를 하나 이상 입력하세요. 예: 8,16,32,64</translation>
    </message>
    <message>
        <source>%1 weights, %2 MACs per image, %3 weight layers</source>
        <translation>가중치 %1개, 이미지당 MAC %2, 가중치 층 %3개</translation>
    </message>
    <message>
        <source>at least </source>
        <translation>최소 </translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 스텝</translation>
    </message>
    <message>
        <source>no step minimum</source>
        <translation>스텝 최소값 없음</translation>
    </message>
    <message>
        <source>A small training set gets more epochs, so that training takes at least this many optimizer steps (the recommended recipe: 3,600, its 80 epochs on NEU)</source>
        <translation>작은 학습 세트는 최소 이만큼의 최적화 스텝을 거치도록 에포크가 늘어납니다 (권장 레시피: 3,600, NEU에서 80 에포크)</translation>
    </message>
    <message>
        <source>Balance classes</source>
        <translation>클래스 균형</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>loss weights 1/n</source>
        <translation>손실 가중치 1/n</translation>
    </message>
    <message>
        <source>loss weights 1/√n</source>
        <translation>손실 가중치 1/√n</translation>
    </message>
    <message>
        <source>balanced batches</source>
        <translation>균형 배치</translation>
    </message>
    <message>
        <source>How classes with few training images are evened out. auto: balanced batches (each class equally likely) when the largest class has 3 times the images of the smallest or more. Loss weights: inverse to the class&apos;s image count n, or to its square root.</source>
        <translation>학습 이미지가 적은 클래스를 보정하는 방법. 자동: 가장 큰 클래스의 이미지 수가 가장 작은 클래스의 3배 이상이면 균형 배치(각 클래스가 같은 확률). 손실 가중치: 클래스 이미지 수 n의 역수 또는 그 제곱근의 역수.</translation>
    </message>
</context>
<context>
    <name>sddui::TrainPanel</name>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Continue the selected run from its last completed epoch</source>
        <translation>선택한 실행을 마지막으로 완료된 에포크부터 계속합니다</translation>
    </message>
    <message>
        <source>Use Model</source>
        <translation>모델 사용</translation>
    </message>
    <message>
        <source>Load the selected run&apos;s model in the workbench</source>
        <translation>선택한 실행의 모델을 워크벤치에 불러옵니다</translation>
    </message>
    <message>
        <source>Reduce Model (Fig. 3)…</source>
        <translation>모델 축소 (그림 3)…</translation>
    </message>
    <message>
        <source>The paper&apos;s model-reduction search, starting from this network</source>
        <translation>이 네트워크에서 시작하는 논문의 모델 축소 탐색</translation>
    </message>
    <message>
        <source>Runs kept in this workspace. Tick runs to overlay their curves; select one to see it.</source>
        <translation>이 작업 공간에 보관된 실행입니다. 곡선을 겹쳐 보려면 체크하고, 보려면 선택하세요.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Runs in this workspace&lt;/b&gt;</source>
        <translation>&lt;b&gt;이 작업 공간의 실행&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Open a dataset to train on it.</source>
        <translation>학습하려면 데이터셋을 여세요.</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>Train acc</source>
        <translation>학습 정확도</translation>
    </message>
    <message>
        <source>Val loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>Val acc</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <source>Val macro F1</source>
        <translation>검증 매크로 F1</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>최고</translation>
    </message>
    <message>
        <source>%1   %2/%3 epochs%4   best F1 %5</source>
        <translation>%1   %2/%3 에포크%4   최고 F1 %5</translation>
    </message>
    <message>
        <source> (stopped)</source>
        <translation> (중지됨)</translation>
    </message>
    <message>
        <source>Open a dataset first.</source>
        <translation>먼저 데이터셋을 여세요.</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>학습할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Cannot create the run folder %1 (is the workspace writable?)</source>
        <translation>실행 폴더 %1을(를) 만들 수 없습니다 (작업 공간에 쓸 수 있나요?)</translation>
    </message>
    <message>
        <source>Cannot resume %1: its run.json is unreadable (%2)</source>
        <translation>%1을(를) 재개할 수 없습니다: run.json을 읽을 수 없습니다 (%2)</translation>
    </message>
    <message>
        <source>Training %1 for %2 epochs in %3…</source>
        <translation>%1을(를) %3에서 %2 에포크 동안 학습 중…</translation>
    </message>
    <message>
        <source>Stopping after the current batch; the checkpoint is kept for Resume…</source>
        <translation>현재 배치 후 중지합니다. 재개를 위해 체크포인트를 보관합니다…</translation>
    </message>
    <message>
        <source>Cannot start the reduction: %1</source>
        <translation>축소를 시작할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>epoch %1/%2 · batch %3/%4 · %5 elapsed · about %6 left</source>
        <translation>에포크 %1/%2 · 배치 %3/%4 · 경과 %5 · 남은 시간 약 %6</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>학습 실패: %1</translation>
    </message>
    <message>
        <source>Stopped after %1 epochs (%2). Resume continues from the last completed epoch.</source>
        <translation>%1 에포크 후 중지했습니다 (%2). 재개하면 마지막으로 완료된 에포크부터 계속합니다.</translation>
    </message>
    <message>
        <source>Finished %1 epochs in %2%3: best validation macro F1 %4 at epoch %5. Model: %6</source>
        <translation>%1 에포크를 %2에 마쳤습니다%3: 최고 검증 매크로 F1 %4 (에포크 %5). 모델: %6</translation>
    </message>
    <message>
        <source> (early stop)</source>
        <translation> (조기 종료)</translation>
    </message>
    <message>
        <source>train loss, running mean this epoch</source>
        <translation>학습 손실, 이번 에포크 누적 평균</translation>
    </message>
    <message>
        <source>Resuming without the earlier curves: %1</source>
        <translation>이전 곡선 없이 재개합니다: %1</translation>
    </message>
    <message>
        <source> (training)</source>
        <translation> (학습 중)</translation>
    </message>
    <message>
        <source>Training in %1: epoch %2 of %3…</source>
        <translation>%1에서 학습 중: 에포크 %2/%3…</translation>
    </message>
    <message>
        <source>Validation recall per class: %1</source>
        <translation>클래스별 검증 재현율: %1</translation>
    </message>
    <message>
        <source> %1 training images: %2 epochs instead of %3, for at least %4 optimizer steps.</source>
        <translation> 학습 이미지 %1장: 최소 %4 최적화 스텝을 위해 %3 대신 %2 에포크.</translation>
    </message>
    <message>
        <source> Classes evened out (%1): %2 to %3 training images per class.</source>
        <translation> 클래스 보정 (%1): 클래스당 학습 이미지 %2~%3장.</translation>
    </message>
    <message>
        <source>Ready to train on %1 (%2 images).%3 Runs are kept in %4.</source>
        <translation>%1에서 학습할 준비가 되었습니다 (이미지 %2장).%3 실행은 %4에 보관됩니다.</translation>
    </message>
    <message>
        <source>Finished %1 epochs in %2, not validated (no validation images: label more images, or give a validation split). Model: %3</source>
        <translation>%2 동안 %1 에포크 완료, 검증되지 않음(검증 이미지 없음: 이미지를 더 라벨링하거나 검증 분할을 지정하십시오). 모델: %3</translation>
    </message>
</context>
<context>
    <name>sddui::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Welcome to SDD Workbench&lt;/h2&gt;&lt;p&gt;Open a dataset folder with &lt;b&gt;File ▸ Open Dataset…&lt;/b&gt; (Ctrl+O).&lt;/p&gt;&lt;p&gt;It reads the NEU-DET layout (&lt;i&gt;train|validation/images/&amp;lt;class&amp;gt;/&lt;/i&gt;), the NEU-CLS layout (&lt;i&gt;Cr_1.bmp … Sc_300.bmp&lt;/i&gt;) and any folder with one sub-folder per class.&lt;br&gt;Get the NEU surface defect database and link it as &lt;i&gt;data/NEU-DET&lt;/i&gt; to have it opened at start.&lt;/p&gt;&lt;p&gt;To classify images now, drop image files or folders anywhere on this window.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;SDD Workbench에 오신 것을 환영합니다&lt;/h2&gt;&lt;p&gt;&lt;b&gt;파일 ▸ 데이터셋 열기…&lt;/b&gt;(Ctrl+O)로 데이터셋 폴더를 여세요.&lt;/p&gt;&lt;p&gt;NEU-DET 구조(&lt;i&gt;train|validation/images/&amp;lt;class&amp;gt;/&lt;/i&gt;), NEU-CLS 구조(&lt;i&gt;Cr_1.bmp … Sc_300.bmp&lt;/i&gt;), 그리고 클래스마다 하위 폴더가 있는 모든 폴더를 읽습니다.&lt;br&gt;NEU 표면 결함 데이터베이스를 받아 &lt;i&gt;data/NEU-DET&lt;/i&gt;로 연결하면 시작할 때 열립니다.&lt;/p&gt;&lt;p&gt;지금 이미지를 분류하려면 이미지 파일이나 폴더를 이 창 아무 곳에나 끌어다 놓으세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open Dataset…</source>
        <translation>데이터셋 열기…</translation>
    </message>
</context>
</TS>
