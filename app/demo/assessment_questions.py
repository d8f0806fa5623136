"""Demo question banks: realistic Indonesian post-test questions for the demo courses (by course code)."""
# ruff: noqa: E501  (question texts are data; they read better unbroken)

from __future__ import annotations

from typing import Any


def s(text: str, choices: list[str], correct: int, feedback: str = "", points: float = 1) -> dict[str, Any]:
    """A single-choice question; `correct` is the index of the right choice."""
    return {
        "kind": "single",
        "text": text,
        "points": points,
        "feedback": feedback,
        "choices": [{"text": c, "correct": i == correct} for i, c in enumerate(choices)],
    }


def m(
    text: str, choices: list[str], correct: set[int], feedback: str = "", points: float = 2
) -> dict[str, Any]:
    """A multiple-choice question with proportional credit."""
    return {
        "kind": "multiple",
        "scoring": "proportional",
        "text": text,
        "points": points,
        "feedback": feedback,
        "choices": [{"text": c, "correct": i in correct} for i, c in enumerate(choices)],
    }


def tf(text: str, true: bool, feedback: str = "") -> dict[str, Any]:
    """A true/false question."""
    return {
        "kind": "true_false",
        "text": text,
        "points": 1,
        "feedback": feedback,
        "choices": [{"text": "Benar", "correct": true}, {"text": "Salah", "correct": not true}],
    }


def sa(text: str, accepted: list[str], feedback: str = "") -> dict[str, Any]:
    """A short-answer question (case- and space-insensitive)."""
    return {
        "kind": "short_answer",
        "text": text,
        "points": 1,
        "feedback": feedback,
        "accepted_answers": accepted,
    }


def essay(text: str, feedback: str, points: float = 4) -> dict[str, Any]:
    return {"kind": "essay", "text": text, "points": points, "feedback": feedback}


BANKS: dict[str, list[dict[str, Any]]] = {
    "PPP": [
        s("Undang-undang yang menjadi dasar penyelenggaraan pelayanan publik adalah …",
          ["UU Nomor 25 Tahun 2009", "UU Nomor 5 Tahun 2014", "UU Nomor 30 Tahun 2014", "UU Nomor 14 Tahun 2008"], 0,
          "UU 25/2009 tentang Pelayanan Publik."),
        s("Pedoman standar pelayanan diatur dalam …",
          ["PermenPANRB Nomor 15 Tahun 2014", "PermenPANRB Nomor 14 Tahun 2017", "Perpres Nomor 95 Tahun 2018",
           "PP Nomor 11 Tahun 2017"], 0),
        s("Survei Kepuasan Masyarakat (SKM) unit pelayanan berpedoman pada …",
          ["PermenPANRB Nomor 14 Tahun 2017", "PermenPANRB Nomor 15 Tahun 2014", "UU Nomor 25 Tahun 2009",
           "Perpres Nomor 76 Tahun 2013"], 0),
        m("Komponen standar pelayanan yang terkait proses penyampaian pelayanan (service delivery) adalah …",
          ["Persyaratan", "Sistem, mekanisme, dan prosedur", "Jangka waktu penyelesaian", "Biaya/tarif",
           "Sarana dan prasarana", "Kompetensi pelaksana"], {0, 1, 2, 3},
          "Sarana prasarana dan kompetensi pelaksana termasuk komponen pengelolaan (manufacturing)."),
        tf("Maklumat pelayanan adalah pernyataan tertulis penyelenggara tentang kesanggupan melaksanakan "
           "pelayanan sesuai standar pelayanan.", True),
        tf("Petugas loket boleh menetapkan biaya layanan sendiri selama tidak lebih dari Rp50.000.", False,
           "Biaya/tarif hanya yang tercantum dalam standar pelayanan dan peraturan."),
        sa("Berapa jumlah unsur yang diukur dalam SKM menurut PermenPANRB 14/2017? (tulis angka)", ["9", "sembilan"]),
        s("Nilai IKM konversi 82,50 termasuk mutu pelayanan …",
          ["B (Baik)", "A (Sangat Baik)", "C (Kurang Baik)", "D (Tidak Baik)"], 0,
          "B berada pada rentang 76,61–88,30."),
        s("Jangka waktu penyelesaian layanan dihitung sejak …",
          ["Persyaratan dinyatakan lengkap", "Pemohon datang ke loket", "Pemohon mengambil nomor antrean",
           "Kepala unit menandatangani"], 0),
        s("Kanal pengaduan pelayanan publik nasional yang terintegrasi adalah …",
          ["SP4N-LAPOR!", "SIASN", "SRIKANDI", "e-Kinerja"], 0),
        tf("Unit pelayanan wajib menindaklanjuti hasil SKM dan mempublikasikannya.", True),
        m("Perilaku petugas yang mencerminkan pelayanan prima adalah …",
          ["Menyapa dan memberi salam", "Menjelaskan persyaratan dengan jelas", "Menunda berkas tanpa alasan",
           "Memberi kepastian waktu selesai"], {0, 1, 3}),
    ],
    "LITDIG": [
        s("Empat pilar literasi digital yang digunakan Kominfo adalah kecakapan, etika, budaya dan …",
          ["Keamanan digital", "Ekonomi digital", "Infrastruktur digital", "Transformasi digital"], 0),
        tf("Kata sandi yang sama untuk semua akun dinas memudahkan sekaligus aman digunakan.", False,
           "Gunakan kata sandi berbeda dan pengelola kata sandi."),
        s("Surel yang meminta Anda segera masuk ke tautan untuk 'memverifikasi akun gaji' kemungkinan besar "
          "merupakan …", ["Phishing", "Pemberitahuan resmi", "Pembaruan sistem", "Spam biasa yang aman"], 0),
        m("Langkah aman saat menggunakan Wi-Fi publik untuk pekerjaan dinas adalah …",
          ["Menggunakan VPN instansi", "Memastikan situs memakai HTTPS", "Membuka aplikasi kepegawaian tanpa VPN",
           "Mematikan berbagi berkas"], {0, 1, 3}),
        sa("Apa singkatan dari autentikasi dua langkah yang umum dipakai (tiga huruf)?", ["2FA", "MFA"]),
        tf("Membagikan tangkapan layar data pribadi pemohon di grup percakapan dinas diperbolehkan jika grupnya "
           "tertutup.", False, "Data pribadi hanya diproses untuk tujuan yang sah."),
        s("Regulasi nasional tentang Sistem Pemerintahan Berbasis Elektronik (SPBE) adalah …",
          ["Perpres Nomor 95 Tahun 2018", "UU Nomor 27 Tahun 2022", "PP Nomor 71 Tahun 2019",
           "Inpres Nomor 3 Tahun 2003"], 0),
        s("Undang-undang Pelindungan Data Pribadi adalah …",
          ["UU Nomor 27 Tahun 2022", "UU Nomor 11 Tahun 2008", "UU Nomor 19 Tahun 2016", "UU Nomor 14 Tahun 2008"], 0),
        tf("Memeriksa kebenaran informasi sebelum membagikannya adalah bagian dari etika digital.", True),
        s("Jejak digital (digital footprint) sebaiknya dikelola dengan …",
          ["Mengatur privasi akun dan berpikir sebelum mengunggah", "Menghapus semua akun media sosial",
           "Menggunakan nama samaran untuk akun dinas", "Mengabaikannya karena tidak berdampak"], 0),
    ],
    "ADUAN": [
        s("Pengelolaan pengaduan pelayanan publik nasional diatur dalam …",
          ["Perpres Nomor 76 Tahun 2013", "Perpres Nomor 95 Tahun 2018", "PermenPANRB Nomor 15 Tahun 2014",
           "PP Nomor 30 Tahun 2019"], 0),
        s("Tahap pertama setelah pengaduan diterima adalah …",
          ["Verifikasi kelengkapan dan kewenangan", "Menutup pengaduan", "Memberi sanksi kepada petugas",
           "Menerbitkan siaran pers"], 0),
        tf("Identitas pelapor yang meminta dirahasiakan tetap boleh disampaikan kepada pihak yang diadukan.", False),
        m("Informasi minimal yang perlu dicatat dari sebuah pengaduan adalah …",
          ["Uraian kejadian", "Waktu dan lokasi layanan", "Kanal penerimaan", "Agama pelapor"], {0, 1, 2}),
        sa("Tulis nama kanal pengaduan pelayanan publik nasional yang dikelola KemenPANRB (tanpa tanda seru).",
           ["SP4N-LAPOR", "SP4N LAPOR", "LAPOR"],
           "SP4N-LAPOR!: Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional – Layanan Aspirasi dan "
           "Pengaduan Online Rakyat."),
        s("Pengaduan yang bukan kewenangan unit Anda sebaiknya …",
          ["Diteruskan (disposisi) ke instansi berwenang dan pelapor diberi tahu", "Diabaikan",
           "Ditutup tanpa jawaban", "Dikembalikan tanpa penjelasan"], 0),
        tf("Setiap tindak lanjut pengaduan perlu dicatat agar dapat dipantau dan diaudit.", True),
        s("Indikator waktu tanggap pertama mengukur …",
          ["Selang waktu sejak pengaduan diterima sampai tanggapan pertama", "Jumlah pengaduan per bulan",
           "Lama petugas bekerja", "Jumlah pelapor puas"], 0),
        s("Pengaduan berulang dengan pokok masalah sama menunjukkan perlunya …",
          ["Perbaikan standar atau proses layanan", "Menonaktifkan kanal pengaduan", "Menolak pengaduan baru",
           "Mengganti nomor telepon"], 0),
        essay("Jelaskan langkah Anda menanggapi pengaduan di media sosial tentang antrean yang tidak tertib.",
              "Akui dan minta maaf, verifikasi fakta, jelaskan tindak lanjut dan tenggat, perbaiki antrean, "
              "laporkan hasilnya."),
    ],
    "INTEG": [
        s("Gratifikasi yang diterima pegawai wajib dilaporkan kepada KPK paling lambat …",
          ["30 hari kerja sejak diterima", "7 hari kalender", "1 tahun", "Tidak perlu dilaporkan"], 0),
        tf("Konflik kepentingan terjadi ketika kepentingan pribadi berpotensi memengaruhi keputusan jabatan.", True),
        m("Contoh konflik kepentingan dalam pengadaan adalah …",
          ["Menilai penawaran perusahaan milik saudara", "Menerima hadiah dari calon penyedia",
           "Mengikuti pelatihan pengadaan resmi", "Membocorkan HPS kepada penyedia"], {0, 1, 3}),
        s("Sistem pelaporan pelanggaran di instansi disebut …",
          ["Whistleblowing system", "E-budgeting", "Sistem merit", "E-procurement"], 0),
        sa("Predikat unit kerja yang melampaui Wilayah Bebas dari Korupsi adalah Wilayah Birokrasi Bersih dan "
           "Melayani, disingkat …", ["WBBM"]),
        tf("Menerima uang terima kasih dari pemohon setelah layanan selesai diperbolehkan karena layanan sudah "
           "diberikan.", False),
        s("Zona Integritas dibangun melalui … area perubahan.", ["Enam", "Tiga", "Delapan", "Sepuluh"], 0),
        s("Sikap yang tepat saat atasan meminta Anda mengubah data laporan agar target tercapai adalah …",
          ["Menolak dan melaporkan melalui saluran resmi", "Menuruti karena perintah atasan",
           "Mengubah sebagian saja", "Diam dan menunggu"], 0),
        tf("LHKPN wajib disampaikan oleh penyelenggara negara secara berkala.", True),
        s("Nilai dasar ASN 'Akuntabel' berarti …",
          ["Bertanggung jawab atas kepercayaan yang diberikan", "Selalu cepat menyelesaikan pekerjaan",
           "Mengikuti semua keinginan pimpinan", "Bekerja tanpa catatan"], 0),
    ],
    "BERAKHLAK": [
        sa("BerAKHLAK adalah core values ASN. Huruf 'B' adalah singkatan dari …", ["Berorientasi Pelayanan"]),
        m("Yang termasuk nilai BerAKHLAK adalah …",
          ["Akuntabel", "Kompeten", "Harmonis", "Birokratis", "Loyal"], {0, 1, 2, 4}),
        s("Employer branding ASN yang diluncurkan bersama BerAKHLAK adalah …",
          ["Bangga Melayani Bangsa", "Kerja Kerja Kerja", "ASN Unggul", "Melayani Sepenuh Hati"], 0),
        tf("Nilai 'Adaptif' berarti terus berinovasi dan antusias menggerakkan serta menghadapi perubahan.", True),
        s("Perilaku yang mencerminkan nilai 'Kolaboratif' adalah …",
          ["Memberi kesempatan berbagai pihak untuk berkontribusi", "Menyimpan informasi agar unit unggul",
           "Bekerja sendiri agar cepat", "Menolak masukan unit lain"], 0),
        s("Dasar hukum core values BerAKHLAK adalah …",
          ["SE MenPANRB Nomor 20 Tahun 2021", "UU Nomor 25 Tahun 2009", "PP Nomor 94 Tahun 2021",
           "Perpres Nomor 81 Tahun 2010"], 0),
        tf("Nilai 'Harmonis' meliputi saling peduli dan menghargai perbedaan.", True),
        s("Contoh perilaku 'Kompeten' adalah …",
          ["Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
           "Menolak tugas di luar uraian jabatan", "Menunggu perintah untuk belajar", "Membatasi berbagi ilmu"], 0),
        s("Nilai 'Loyal' menuntut ASN untuk …",
          ["Memegang teguh ideologi Pancasila dan UUD 1945", "Selalu setuju dengan atasan",
           "Menjaga kepentingan kelompok", "Tidak pernah pindah instansi"], 0),
        tf("BerAKHLAK hanya berlaku bagi PNS, tidak bagi PPPK.", False, "Core values berlaku bagi seluruh ASN."),
    ],
}  # fmt: skip
