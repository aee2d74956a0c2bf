// Syllables that occur in Vietnamese administrative text: every distinct syllable (lower case, NFC) of
// Nghị định 30/2020/NĐ-CP "Về công tác văn thư" with its six Phụ lục (../shared/domain/nd30-2020/) and of
// Quyết định 50/2009/QĐ-UBND of Cần Thơ (../shared/seed/). Legal normative documents are not protected by copyright
// (Luật Sở hữu trí tuệ 2005, Điều 15); the list is a fact about them. Used only as a tie-breaker when two decodings
// of legacy text are both valid Vietnamese ("Nài dung vồn bọn" vs "Nội dung văn bản"), never to reject a word.
// SOURCE: generated from those two texts, keeping the words ../syllable.ts accepts; 864 syllables.

export const KNOWN_SYLLABLES = [
  'a ả ái an án anh ảnh ánh áp ăng âm ba bà bá bạ bác bách ban bàn bản bảng bao bảo bão báo bày bắc',
  'băng bằng bắt bậc bất bên bến bì bí bị bìa biên biển biến biết biệt biểu bình bỏ bóc bổ bố bộ bồi',
  'bởi bơn bút bưu cả cá các cách cài cái cán canh cảnh cao cáo cát căn cắp cặp cấm cân cần cận cấp cập',
  'câu cầu cấu cậy chánh chặn chặt chẩm chấm chậm chấp chất chẽ chéo chế chi chỉ chí chia chiều chiếu',
  'chỉnh chính chịu cho chọn chống chợ chủ chú chuẩn chung chúng chụp chuyên chuyển chữ chưa chữa chứa',
  'chức chứng chương cỏ có coi con còn cố công cổng cộng cơ cỡ cụ của cục cụm cung cùng cuộc cuối cử cứ',
  'cửa cường cứu da dài dạng danh dành dân dẫn dấu dễ di dịch diễn diện do doanh doc dõi dòng dụ dục',
  'dung dùng dụng duy duyệt dữ dự dựng dưới dương dưỡng đa đã đại đảm đán đang đảng đánh đào đạo đáp',
  'đạt đặc đăng đặt đậm đầu đây đầy đen đề để đệm đến đều đi địa đích điểm điền điển điện điệp điều',
  'đính định đỏ đó đoan đoàn đoạn đọc đóng đô đồ độ đốc độc đồi đổi đối đôn đông đồng động đột đơn đủ',
  'đua đúng đưa đứng được đương đường e gạch gán gặp ghen ghi gia giả giá giải giảm giám gian gián giao',
  'giáo giáp giây giấy gìn gióng giờ giới giữ giữa góc gọi gọn góp gốc gồm gửi gương hà hạ hai hàm hãn',
  'hán hạn hàng hạng hành hạnh hao hay hệ hết hiển hiện hiểu hiệu hình họ hoa hoà hoả hoạ hòa hỏa hóa',
  'họa hoạch hoại hoàn hoạt hoặc học hỏi họp hồ hỗ hồi hội hộp hợi hơn hợp huân huấn hùng huy hủy huyện',
  'hưởng hướng hưu i in kẻ kèm kéo kê kể kế kết khả khác khai khái khánh khắc khẩn khẩu khen khi khích',
  'khiếu khoa khoá khóa khoản khoảng khỏi khổ khối không khu khung khuyến kích kiểm kiếm kiệm kiến kiện',
  'kiểu kim kinh kính kịp kỳ kỷ kỹ ký la là lạc lạch lai lại làm lan lãnh lao lặp lần lập lấy lê lề lễ',
  'lệ lên lệnh lích lịch liên liền liệt liệu lĩnh lò loại long lộ lỗi lời lợi lớn luật lục lùi lụt lựa',
  'lực lương lượng lượt lưu lý mà mã mạng mao mát màu máy mắc mắt mặt mẫn mật mẫu mậu men mép mét mềm',
  'mệnh mia miền minh mình mọi mốc môi mỗi môn một mở mời mới mua mục múi mức mực mưu nại nam nào nay',
  'này năm năng nâng nét nên nền nêu nếu ngang ngành ngay ngày ngăn ngắn ngân nghề nghệ nghỉ nghị nghĩa',
  'nghiêm nghiên nghiêng nghiệp ngọ ngoài ngoại ngoặc ngôn nguồn nguyên nguyễn ngữ ngưng người nhà',
  'nhanh nháp nhau nhắc nhằm nhân nhận nhập nhất nhật nhiệm nhiều nhỏ nhóm nhở nhớ nhu nhũng như nhưng',
  'những nhưỡng niêm niệm nin ninh nói nổi nối nội nộp nơi núi nữ nước o ô ông ở pa phá phai phải phạm',
  'phản pháp phát phẩm phân phần phận phẩy phép phê phí phía phiên phiếu phim phó phong phòng phổ phố',
  'phối phông phù phủ phú phụ phúc phục phút phương phường qua quả quá quan quản quát quân quận qui',
  'quốc quy quý quyền quyết ra rà rác ràng rập riêng rõ rộng sách sai sản sang sao sát sau sắm sẵn sắp',
  'sẻ sẽ sĩ so soạn soát sót sổ số sông sơ sở sơn sung suốt sư sử sự sửa sy tả tác tạc tài tải tại tám',
  'tạm tán tạo tạp tàu tắc tăng tắt tâm tân tận tầng tập tất tây tế tên tệp tết thác thái tham than',
  'tháng thanh thành thảo thay thẳng thẩm thân thấp thập thất theo thể thế thêm thi thì thị thích thiện',
  'thiết thiểu thiếu thiệu thỏa thoại thôi thông thống thơ thời thu thủ thuận thuật thúc thuộc thư thứ',
  'thừa thức thực thước thường thưởng thượng tích tịch tiên tiến tiện tiếng tiếp tiết tiêu tiểu tìm tin',
  'tinh tình tỉnh tĩnh tính to toạ tòa tọa toàn toán tổ tố tốc tộc tôi tối tôn tổng tốt tờ tới tra trả',
  'trách trạch trái trang trạng tránh trao trào trân trần trấn trận trật treo trên trì trí trị trích',
  'triển triệt triều triệu trình trong trọng trở trợ trụ trúc trùm trung trùng truy trụy truyền trừ trữ',
  'trực trước trường trưởng tuân tuần tuất tục tùng tuỳ tùy tuyển tuyệt tư từ tử tự từng tươi tương',
  'tướng tượng ty tỷ tỵ un uỷ ủy ứng ước ương va và vàm vàng vào văn vẫn vấn vận vật vẹn về vệ vi vì ví',
  'vị việc viên viền viễn viện viết việt vinh vĩnh vịnh với vũ vụ vua vùng vũng vực vướng xã xác xanh',
  'xảy xây xem xét xếp xóa xong xô xuân xuất xung xuống xuyên xử xưng y ý yêu yếu',
].join(' ');
